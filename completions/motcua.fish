# fish completion for motcua(1). Install into a folder of
# $fish_complete_path (e.g. vendor_completions.d) as motcua.fish.
# The commands and options follow the program's command table
# (tests/e2e/t0900-docs.sh checks that they agree with --help).

# Options that take a value, as their next word (and the fields of
# register add, below).
set -g __motcua_value_opts --db --clerk --format --unit-id --unit-name \
    --province --lookup-url --code --name --days --fee --doc --kind \
    --field-code --field-name --listen --threads --frame-ancestors --max-failures \
    --block-minutes --drain-seconds --from-message --url --batch --ward --reader --silent-days \
    --procedure --applicant --id-number --phone --email --address --channel \
    --delivery --sets --note --received-at --slip -o --output --status \
    --from --to --reason --due --year --since --by --msg-id --error \
    --text -t --type -s --size -m --margin \
    -l --level -d --dpi --foreground --background --key --table --against --witness \
    --reject-file --limit --search \
    --copies --requester --dossier --with-key

# Prints the words typed so far, one per line: the command and, for a
# family, its subcommand on the first line ("dossier new"), then the
# positional arguments. Nothing before the command.
function __motcua_words
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l cmd
    set -l args
    for t in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        if contains -- $t $__motcua_value_opts $__motcua_register_fields
            set skip 1
            continue
        end
        if string match -q -- '-*' $t
            continue
        end
        if test -z "$cmd"
            set cmd $t
        else if test (count $cmd) -eq 1
            and contains -- $cmd[1] config procedure dossier holiday calendar register extract report notify inbox qr key db audit sync province
            # A family's subcommand comes right after it.
            set -a cmd $t
        else
            set -a args $t
        end
    end
    if test -n "$cmd"
        echo $cmd
        string join \n -- $args
    end
end

# True when the command typed so far is exactly $argv ("dossier new").
function __motcua_is
    set -l w (__motcua_words)
    test "$w[1]" = "$argv"
end

function __motcua_no_command
    set -l w (__motcua_words)
    test -z "$w[1]"
end

# True when the command is $argv[2..] and $argv[1] positional arguments
# have been typed.
function __motcua_nargs
    set -l w (__motcua_words)
    test "$w[1]" = "$argv[2..-1]"; and test (math (count $w) - 1) -eq $argv[1]
end

# The first positional argument of the command.
function __motcua_arg1
    set -l w (__motcua_words)
    echo $w[2]
end

# The --db typed earlier on the command line, as the two words to pass on
# (nothing when none was typed).
function __motcua_db_option
    set -l tokens (commandline -opc)
    set -l db
    set -l n (count $tokens)
    for i in (seq $n)
        switch $tokens[$i]
            case --db
                if test $i -lt $n
                    set db --db $tokens[(math $i + 1)]
                end
            case '--db=*'
                set db --db (string replace -- --db= '' $tokens[$i])
        end
    end
    set db (string replace -r -- '^~/' "$HOME/" $db)
    set -q db[1]; and printf '%s\n' $db
end

# Procedure codes from the database, honouring a --db typed earlier.
function __motcua_procedures
    set -l db (__motcua_db_option)
    motcua $db -q procedure list 2>/dev/null
end

# The codes of the dossiers still to act on (open, or done and waiting to
# be returned), honouring a --db typed earlier; nothing without a database.
function __motcua_dossier_codes
    set -l db (__motcua_db_option)
    motcua $db -q dossier list --status received --status processing --status supplement \
        --status payment --status done 2>/dev/null </dev/null
end

# Where a CSV is read: .csv files, and folders to reach them.
function __motcua_csv_files
    set -l cur (string replace -r -- '^~/' "$HOME/" (commandline -ct))
    for f in $cur*
        if test -d $f
            echo $f/
        else if string match -qi -- '*.csv' $f
            echo $f
        end
    end
end

# The subcommands of the family named in help COMMAND SUBCOMMAND.
function __motcua_help_subs
    motcua (__motcua_arg1) --help 2>/dev/null | string match -r '^  [a-z][a-z-]*' | string trim
end

complete -c motcua -f

# Global options (before the command, and among any command's options).
complete -c motcua -l db -r -F -d 'The register database (MOTCUA_DB)'
complete -c motcua -l clerk -x -a '(__fish_complete_users)' -d 'Who is acting (MOTCUA_CLERK)'
complete -c motcua -l format -x -a 'text json csv' -d 'Output format'
complete -c motcua -s q -l quiet -d 'Print only the essential value'
complete -c motcua -s h -l help -d 'Show the help'
complete -c motcua -l version -d 'Show the version'

# Commands.
set -l __motcua_nc '__motcua_no_command'
complete -c motcua -n $__motcua_nc -a init -d "Set up an office's database"
complete -c motcua -n $__motcua_nc -a config -d "Read and change the office's settings"
complete -c motcua -n $__motcua_nc -a serve -d "The citizens' lookup page and API, over HTTP"
complete -c motcua -n $__motcua_nc -a inbox -d "The messages citizens sent the office's Zalo OA"
complete -c motcua -n $__motcua_nc -a sync -d "Send this office's records to the province"
complete -c motcua -n $__motcua_nc -a province -d "Every ward's registers in the province's PostgreSQL"
complete -c motcua -n '__motcua_is inbox' -a list -d "List the messages sent to the office's Zalo OA"
complete -c motcua -n '__motcua_is inbox' -a show -d 'Show a message, its sender, text and attachments'
complete -c motcua -n '__motcua_is inbox' -a done -d 'Mark a message handled without a dossier'
complete -c motcua -n '__motcua_is sync' -a push -d 'Send what this office recorded to the province'
complete -c motcua -n '__motcua_is province' -a init -d "Create or upgrade the province's schema, add wards and readers"
complete -c motcua -n '__motcua_is province' -a summary -d "Every ward's figures, one row per unit or procedure"
complete -c motcua -n '__motcua_is province' -a status -d "Any ward's dossier and its history"
complete -c motcua -n '__motcua_is province' -a search -d "Find every ward's register entries by name"
complete -c motcua -n '__motcua_is province' -a check -d "Each ward's audit chain, last push, silent wards"
complete -c motcua -n '__motcua_is inbox list' -l pending -d 'Only the messages not handled yet'
complete -c motcua -n '__motcua_is sync push' -l url -x -d "The province (libpq connection string)"
complete -c motcua -n '__motcua_is sync push' -l batch -x -d 'Records per batch'
complete -c motcua -n '__motcua_is province init' -l ward -x -d 'A ward and its role, UNIT=ROLE'
complete -c motcua -n '__motcua_is province init' -l reader -x -d 'A role that reads every ward'
complete -c motcua -n '__motcua_is province summary; or __motcua_is province status; or __motcua_is province search; or __motcua_is province check' -l url -x -d "The province (libpq connection string)"
complete -c motcua -n '__motcua_is province summary' -l from -x -d 'Received on or after DATE'
complete -c motcua -n '__motcua_is province summary' -l to -x -d 'Received on or before DATE'
complete -c motcua -n '__motcua_is province summary' -l by -x -a 'unit procedure' -d 'One row per'
complete -c motcua -n '__motcua_is province search' -l kind -x -a 'birth marriage death' -d 'Only this register'
complete -c motcua -n '__motcua_is province search' -l year -x -d 'Only entries registered in this year'
complete -c motcua -n '__motcua_is province search' -l limit -x -d 'At most N entries'
complete -c motcua -n '__motcua_is province check' -l silent-days -x -d 'Name the wards silent for more than N days'
complete -c motcua -n '__motcua_is dossier new' -l from-message -x -d 'Receive it from this message of the Zalo inbox'
complete -c motcua -n $__motcua_nc -a procedure -d 'The catalogue of procedures'
complete -c motcua -n $__motcua_nc -a dossier -d 'Receive, look up and move dossiers'
complete -c motcua -n $__motcua_nc -a holiday -d "The office's holidays and swapped working days"
complete -c motcua -n $__motcua_nc -a calendar -d 'Working-day arithmetic'
complete -c motcua -n $__motcua_nc -a report -d "The office's figures and its tracking book"
complete -c motcua -n $__motcua_nc -a notify -d 'The citizen notification outbox (Zalo ZNS)'
complete -c motcua -n $__motcua_nc -a qr -d 'Print QR codes and check signed extracts'
complete -c motcua -n $__motcua_nc -a key -d "The office's signing key"
complete -c motcua -n $__motcua_nc -a db -d 'Check the database and back it up'
complete -c motcua -n $__motcua_nc -a audit -d 'The audit log of every change'
complete -c motcua -n $__motcua_nc -a register -d 'The civil status registers: birth, marriage, death'
complete -c motcua -n $__motcua_nc -a extract -d 'Issue certified extract copies of register entries'
complete -c motcua -n $__motcua_nc -a help -d 'Show the manual page of a command'

# Subcommands.
complete -c motcua -n '__motcua_is config' -a get -d 'Print a setting'
complete -c motcua -n '__motcua_is config' -a set -d 'Change a setting'
complete -c motcua -n '__motcua_is config' -a list -d 'Print every setting'
complete -c motcua -n '__motcua_is procedure' -a list -d 'List the procedures of the catalogue'
complete -c motcua -n '__motcua_is procedure' -a add -d 'Add a procedure to the catalogue'
complete -c motcua -n '__motcua_is procedure' -a import -d 'Add or update procedures from CSV'
complete -c motcua -n '__motcua_is dossier' -a new -d 'Receive a dossier and print its receipt slip'
complete -c motcua -n '__motcua_is dossier' -a status -d 'Show where a dossier is'
complete -c motcua -n '__motcua_is dossier' -a find -d "Find dossiers by the applicant's name, phone or ID number"
complete -c motcua -n '__motcua_is dossier' -a list -d 'List dossiers, newest first'
complete -c motcua -n '__motcua_is dossier' -a update -d 'Move a dossier through its lifecycle'
complete -c motcua -n '__motcua_is dossier' -a amend -d "Correct the applicant's details typed wrong"
complete -c motcua -n '__motcua_is dossier' -a note -d "Add a note to a dossier's history"
complete -c motcua -n '__motcua_is dossier' -a cancel -d 'Cancel a dossier entered by mistake'
complete -c motcua -n '__motcua_is dossier' -a export -d "Print changed dossiers for the national portal's sync"
complete -c motcua -n '__motcua_is dossier' -a form -d "Print a dossier's slip or its forms 02-04"
complete -c motcua -n '__motcua_is holiday' -a list -d 'List the holidays of a year'
complete -c motcua -n '__motcua_is holiday' -a add -d 'Record a day off or a working day'
complete -c motcua -n '__motcua_is holiday' -a import -d 'Record days from CSV'
complete -c motcua -n '__motcua_is calendar' -a due -d 'Print the due time of a receipt'
complete -c motcua -n '__motcua_is report' -a summary -d 'Count dossiers received, on time, late, overdue'
complete -c motcua -n '__motcua_is report' -a dossiers -d 'The tracking book (form 07) as CSV'
complete -c motcua -n '__motcua_is notify' -a list -d 'List the queued citizen notifications'
complete -c motcua -n '__motcua_is notify' -a export -d 'Print the unsent messages as ZNS requests'
complete -c motcua -n '__motcua_is notify' -a send -d 'Send the messages whose time has come through Zalo'
complete -c motcua -n '__motcua_is notify' -a mark -d 'Record whether a message was sent'
complete -c motcua -n '__motcua_is qr' -a print -d 'Print the QR code of a dossier or of any text'
complete -c motcua -n '__motcua_is qr' -a verify -d "Check a signed extract's QR payload"
complete -c motcua -n '__motcua_is key' -a export -d "Print the office's public signing key"
complete -c motcua -n '__motcua_is db' -a check -d 'Check the database, its audit chain and every row against it'
complete -c motcua -n '__motcua_is db' -a upgrade -d 'Bring an older database up to this program'\''s schema'
complete -c motcua -n '__motcua_is db' -a backup -d 'Write a consistent, verified copy of the database to a new file'
complete -c motcua -n '__motcua_is audit' -a log -d 'Show the audit log of a dossier, of a table, or all of it'
complete -c motcua -n '__motcua_is audit' -a checkpoint -d 'Print the head of the audit chain, signed, as one line to keep elsewhere'

# init
set -l c '__motcua_is init'
complete -c motcua -n $c -l unit-id -x -d "The office's electronic agency code"
complete -c motcua -n $c -l unit-name -x -d "The office's name"
complete -c motcua -n $c -l province -x -d 'The province'
complete -c motcua -n $c -l lookup-url -x -d 'Lookup page with {code} and {pin}'
complete -c motcua -n $c -l training -d 'A copy for training or tests: takes MOTCUA_NOW, marks its documents'

# serve
set -l c '__motcua_is serve'
complete -c motcua -n $c -l listen -x -d 'Where to listen (default 127.0.0.1:8080)'
complete -c motcua -n $c -l threads -x -d 'Worker threads (default 4)'
complete -c motcua -n $c -l trust-proxy -d "Take the client's address from X-Real-IP when the peer is this machine"
complete -c motcua -n $c -l frame-ancestors -x -d 'The sites that may show the page in a frame'
complete -c motcua -n $c -l max-failures -x -d 'Failed lookups from one address before it waits'
complete -c motcua -n $c -l block-minutes -x -d 'How long failures count and an address waits'
complete -c motcua -n $c -l drain-seconds -x -d 'On SIGTERM, how long open connections may finish'
complete -c motcua -n $c -l province -x -d "Look dossiers up in the province's PostgreSQL"
complete -c motcua -n $c -l lookup-url -x -d 'With --province: the lookup address'

# help
complete -c motcua -n '__motcua_nargs 0 help' -a 'init config procedure dossier holiday calendar register extract report notify inbox qr key db audit serve sync province help' -d Command
complete -c motcua -n '__motcua_nargs 1 help' -a '(__motcua_help_subs)' -d Subcommand

# config get | set
set -l __motcua_settings unit_id unit_name superior_name province lookup_url sync_url utc_offset workweek office_hours cutoff extract_fee office_address office_phone head_name head_title clerk_names received_at_window_days training \
    zns_template_received zns_template_supplement zns_template_done zns_template_rescheduled zns_template_rejected zalo_app_id zalo_token_file zalo_app_secret_file zalo_zns_base_url zalo_oa_base_url zalo_oauth_base_url zalo_oa_window_hours zalo_oa_replies notify_timeout notify_rate notify_max_attempts zalo_oa_secret_file zalo_webhook_path zalo_window_minutes
complete -c motcua -n '__motcua_nargs 0 config get' -a "$__motcua_settings" -d Setting
complete -c motcua -n '__motcua_nargs 0 config set' -a "$__motcua_settings" -d Setting
complete -c motcua -n '__motcua_nargs 1 config set; and test (__motcua_arg1) = workweek' -a 'mon-fri mon-sat-am' -d 'Work week'

# procedure add | import
set -l c '__motcua_is procedure add'
complete -c motcua -n $c -l code -x -d 'The catalogue code, e.g. 2.000635'
complete -c motcua -n $c -l name -x -d "The procedure's name"
complete -c motcua -n $c -l days -x -d 'Legal processing time in working days'
complete -c motcua -n $c -l fee -x -d 'The fee (VND)'
complete -c motcua -n $c -l doc -x -d 'A paper to submit (repeat for each)'
complete -c motcua -n $c -l kind -x -a 'extract birth marriage death' -d 'An extract procedure'
complete -c motcua -n $c -l field-code -x -d 'The code of its field in the national catalogue'
complete -c motcua -n $c -l field-name -x -d 'The name of its field, e.g. Hộ tịch'
complete -c motcua -n $c -l replace -d 'Replace a procedure of the same code'
complete -c motcua -n '__motcua_nargs 0 procedure import' -k -a '(__motcua_csv_files)' -d 'CSV file'

# dossier new
set -l c '__motcua_is dossier new'
complete -c motcua -n $c -l procedure -x -a '(__motcua_procedures)' -d "The procedure's code"
complete -c motcua -n $c -l applicant -x -d 'The citizen who submits the dossier'
complete -c motcua -n $c -l id-number -x -d 'Citizen ID: 12-digit CCCD or 9-digit CMND'
complete -c motcua -n $c -l phone -x -d 'Vietnamese mobile or landline number'
complete -c motcua -n $c -l email -x -d 'E-mail address'
complete -c motcua -n $c -l address -x -d "The applicant's address"
complete -c motcua -n $c -l channel -x -a 'counter online post' -d 'How the dossier came in'
complete -c motcua -n $c -l delivery -x -a 'counter post' -d 'Where the result is returned'
complete -c motcua -n $c -l doc -x -d 'A paper received (repeat)'
complete -c motcua -n $c -l sets -x -d 'Number of sets (default 1)'
complete -c motcua -n $c -l note -x -d 'A note kept in the history'
complete -c motcua -n $c -l received-at -x -d 'When it was received (YYYY-MM-DD HH:MM)'
complete -c motcua -n $c -l slip -x -a 'text pdf png none' -d 'The receipt slip'
complete -c motcua -n $c -s o -l output -r -F -d 'Write the slip to FILE'
complete -c motcua -n $c -l print -f -a '(lpstat -a 2>/dev/null | string replace -r " .*" "")' -d 'Send the slip as a PDF to lp (--print=PRINTER)'

# dossier status | form | update | amend | note | cancel: a dossier's code
for sub in status form update amend note cancel
    complete -c motcua -n "__motcua_nargs 0 dossier $sub" -a '(__motcua_dossier_codes)' -d Dossier
end

# dossier form
set -l c '__motcua_is dossier form'
complete -c motcua -n '__motcua_nargs 1 dossier form' -a '01 02 03 04 05' -d Form
complete -c motcua -n $c -l slip -x -a 'text pdf png' -d 'The form as'
complete -c motcua -n $c -s o -l output -r -F -d 'Write the form to FILE'
complete -c motcua -n $c -l print -f -a '(lpstat -a 2>/dev/null | string replace -r " .*" "")' -d 'Send the form as a PDF to lp (--print=PRINTER)'

# dossier find
complete -c motcua -n '__motcua_is dossier find' -l limit -x -d 'At most N dossiers (default 20)'

# dossier list
set -l __motcua_statuses received processing supplement payment done returned rejected withdrawn stopped
set -l c '__motcua_is dossier list'
complete -c motcua -n $c -l status -x -a "$__motcua_statuses cancelled" -d 'Only dossiers in this status (repeatable)'
complete -c motcua -n $c -l overdue -d 'Only open dossiers past their due time'
complete -c motcua -n $c -l procedure -x -a '(__motcua_procedures)' -d 'Only this procedure'
complete -c motcua -n $c -l from -x -d 'Received on or after DATE'
complete -c motcua -n $c -l to -x -d 'Received on or before DATE'
complete -c motcua -n $c -s o -l output -r -F -d 'Write the list to FILE, for a spreadsheet'

# dossier update
set -l c '__motcua_is dossier update'
complete -c motcua -n $c -l status -x -a "$__motcua_statuses" -d 'The new status'
complete -c motcua -n $c -l note -x -d 'A note for the history'
complete -c motcua -n $c -l reason -x -d 'Why (supplement, rejected, stopped, --due)'
complete -c motcua -n $c -l due -x -d 'A new due time (YYYY-MM-DD HH:MM)'

# dossier amend | cancel
set -l c '__motcua_is dossier amend'
complete -c motcua -n $c -l applicant -x -d "The applicant's name as it should be"
complete -c motcua -n $c -l phone -x -d 'The phone number ("" removes it)'
complete -c motcua -n $c -l id-number -x -d 'The citizen ID number ("" removes it)'
complete -c motcua -n $c -l address -x -d 'The address ("" removes it)'
complete -c motcua -n $c -l email -x -d 'The e-mail address ("" removes it)'
complete -c motcua -n $c -l reason -x -d 'Why the details change (required)'
complete -c motcua -n '__motcua_is dossier cancel' -l reason -x -d 'What was entered by mistake (required)'

# holiday list | add | import
complete -c motcua -n '__motcua_is holiday list' -l year -x -d 'The year to list (default: this year)'
complete -c motcua -n '__motcua_is holiday add' -l name -x -d 'What the day is'
complete -c motcua -n '__motcua_is holiday add' -l workday -d 'A working day swapped in (a Saturday worked)'
complete -c motcua -n '__motcua_nargs 0 holiday import' -k -a '(__motcua_csv_files)' -d 'CSV file'

# qr print | verify, key export
set -l c '__motcua_is qr print'
complete -c motcua -n $c -l text -x -d "Encode any text instead of a dossier's lookup URL"
complete -c motcua -n $c -s t -l type -x -a 'png svg utf8 ansi ascii' -d 'The type of output'
complete -c motcua -n $c -s o -l output -r -F -d 'Write to FILE (with --batch, a folder)'
complete -c motcua -n $c -s s -l size -x -d 'Pixels per module (default 4)'
complete -c motcua -n $c -s m -l margin -x -d 'Quiet zone in modules (default 4)'
complete -c motcua -n $c -s l -l level -x -a 'L M Q H' -d 'Error correction (default M)'
complete -c motcua -n $c -s d -l dpi -x -d 'Resolution written into a PNG (default 72)'
complete -c motcua -n $c -l foreground -x -d 'Colour of the dark modules (RRGGBB[AA])'
complete -c motcua -n $c -l background -x -d 'Colour of the light modules (RRGGBB[AA])'
complete -c motcua -n $c -l batch -d 'One code per line of standard input, one file each'
complete -c motcua -n '__motcua_is qr verify' -l key -x -d 'Check against this public key'

# calendar due
complete -c motcua -n '__motcua_is calendar due' -l from -x -d 'The time of receipt (YYYY-MM-DD HH:MM)'
complete -c motcua -n '__motcua_is calendar due' -l days -x -d 'Working days (0: same day)'

# dossier export
complete -c motcua -n '__motcua_is dossier export' -l since -x -d 'Only dossiers changed at or after this time'
complete -c motcua -n '__motcua_is dossier export' -l format -x -a jsonl -d 'Output format'

# report summary | dossiers
set -l c '__motcua_is report summary'
complete -c motcua -n $c -l from -x -d 'Dossiers received on or after DATE'
complete -c motcua -n $c -l to -x -d 'Dossiers received on or before DATE'
complete -c motcua -n $c -l by -x -a 'procedure clerk channel' -d 'One row per group'
complete -c motcua -n $c -l checkpoint -d 'End with a signed checkpoint of the audit chain'
complete -c motcua -n $c -l chart -r -F -d 'Also draw the figures as a chart in FILE (.png, .svg or .pdf)'
set -l c '__motcua_is report dossiers'
complete -c motcua -n $c -l from -x -d 'Dossiers received on or after DATE'
complete -c motcua -n $c -l to -x -d 'Dossiers received on or before DATE'
complete -c motcua -n $c -s o -l output -r -F -d 'Write the book to FILE'

# notify list | export | mark
complete -c motcua -n '__motcua_is notify list' -l pending -d 'Only messages not sent yet'
complete -c motcua -n '__motcua_is notify export' -l format -x -a 'jsonl csv' -d 'Output format'
complete -c motcua -n '__motcua_is notify mark' -l msg-id -x -d "The provider's message id (with sent)"
complete -c motcua -n '__motcua_is notify mark' -l error -x -d 'What went wrong (with failed)'
complete -c motcua -n '__motcua_nargs 1 notify mark' -a 'sent failed' -d Outcome
# db backup | audit log
complete -c motcua -n '__motcua_is db check' -l against -r -F -d 'An older copy whose audit records must all still be there'
complete -c motcua -n '__motcua_is db check' -l repair-index -d 'Rebuild the search indexes from the registers and the dossiers'
complete -c motcua -n '__motcua_is db check' -l witness -r -F -d 'Checkpoints that the log must still extend'
complete -c motcua -n '__motcua_nargs 0 db backup' -F -d 'Backup file (a new file)'
complete -c motcua -n '__motcua_is db backup' -l with-key -x -a '(__fish_complete_directories)' -d 'Also copy the signing key into DIR (made private, 0700)'
complete -c motcua -n '__motcua_is audit log' -l table -x -a 'settings procedures holidays dossiers portal_exports extracts extract_events notifications data_exports births marriages deaths register_amendments register_names dossier_names inbox' -d 'Only the records of this table'
complete -c motcua -n '__motcua_nargs 0 audit log; and not __fish_contains_opt table' -a '(__motcua_dossier_codes)' -d Dossier
# register import | add | amend | show | search | export
complete -c motcua -n '__motcua_is register' -a import -d 'Import register entries from CSV'
complete -c motcua -n '__motcua_is register' -a add -d 'Add one register entry'
complete -c motcua -n '__motcua_is register' -a amend -d 'Correct an entry typed wrong, with a reason'
complete -c motcua -n '__motcua_is register' -a show -d 'Show a register entry and its amendments'
complete -c motcua -n '__motcua_is register' -a search -d 'Find register entries by name'
complete -c motcua -n '__motcua_is register' -a export -d 'Write a register as CSV'
for sub in import add amend show export
    complete -c motcua -n "__motcua_nargs 0 register $sub" -a 'birth marriage death' -d Register
end
complete -c motcua -n '__motcua_nargs 1 register import' -k -a '(__motcua_csv_files)' -d 'CSV file'
complete -c motcua -n '__motcua_is register import' -l dry-run -d 'Check every row and count, but keep nothing'
complete -c motcua -n '__motcua_is register import' -l reject-file -r -F -d 'Import the good rows; write the bad ones there'
complete -c motcua -n '__motcua_is register import' -l amend -d 'A mended file: amend the entries whose rows differ, add none'
complete -c motcua -n '__motcua_is register import' -l reason -x -d 'Why the entries are amended (with --amend)'
complete -c motcua -n '__motcua_is register amend' -l reason -x -d 'Why the entry is amended (required)'
# The options of register add, one per column of any register.
# BEGIN register add fields: written by `make completions`
set -g __motcua_register_fields --book --number --registered-on \
    --full-name --sex --date-of-birth --place-of-birth --ethnicity \
    --nationality --hometown --id-number --father-name --father-birth-year \
    --father-ethnicity --father-nationality --father-residence \
    --mother-name --mother-birth-year --mother-ethnicity \
    --mother-nationality --mother-residence --husband-name --wife-name \
    --husband-date-of-birth --husband-ethnicity --husband-nationality \
    --husband-residence --husband-id-number --wife-date-of-birth \
    --wife-ethnicity --wife-nationality --wife-residence --wife-id-number \
    --died-on --died-at-time --place-of-death --cause --declarant \
    --registrar --note --registering-office
set -l c '__motcua_is register add; or __motcua_is register amend'
complete -c motcua -n $c -l book -x -d 'The book, e.g. 01/2019'
complete -c motcua -n $c -l number -x -d 'The entry\'s number in its book'
complete -c motcua -n $c -l registered-on -x -d 'The date of registration'
complete -c motcua -n $c -l full-name -x -d 'The person\'s full name (birth, death)'
complete -c motcua -n $c -l sex -x -a 'Nam Nữ male female' -d 'Nam or Nữ (male or female)'
complete -c motcua -n $c -l date-of-birth -x -d 'The date of birth'
complete -c motcua -n $c -l place-of-birth -x -d 'Where the child was born'
complete -c motcua -n $c -l ethnicity -x -d 'The person\'s ethnicity'
complete -c motcua -n $c -l nationality -x -d 'The person\'s nationality'
complete -c motcua -n $c -l hometown -x -d 'The child\'s home town'
complete -c motcua -n $c -l id-number -x -d 'The person\'s citizen ID number'
complete -c motcua -n $c -l father-name -x -d 'The father\'s full name'
complete -c motcua -n $c -l father-birth-year -x -d 'The father\'s year of birth'
complete -c motcua -n $c -l father-ethnicity -x -d 'The father\'s ethnicity'
complete -c motcua -n $c -l father-nationality -x -d 'The father\'s nationality'
complete -c motcua -n $c -l father-residence -x -d 'Where the father lives'
complete -c motcua -n $c -l mother-name -x -d 'The mother\'s full name'
complete -c motcua -n $c -l mother-birth-year -x -d 'The mother\'s year of birth'
complete -c motcua -n $c -l mother-ethnicity -x -d 'The mother\'s ethnicity'
complete -c motcua -n $c -l mother-nationality -x -d 'The mother\'s nationality'
complete -c motcua -n $c -l mother-residence -x -d 'Where the mother lives'
complete -c motcua -n $c -l husband-name -x -d 'The husband\'s full name'
complete -c motcua -n $c -l wife-name -x -d 'The wife\'s full name'
complete -c motcua -n $c -l husband-date-of-birth -x -d 'The husband\'s date of birth'
complete -c motcua -n $c -l husband-ethnicity -x -d 'The husband\'s ethnicity'
complete -c motcua -n $c -l husband-nationality -x -d 'The husband\'s nationality'
complete -c motcua -n $c -l husband-residence -x -d 'Where the husband lives'
complete -c motcua -n $c -l husband-id-number -x -d 'The husband\'s citizen ID number'
complete -c motcua -n $c -l wife-date-of-birth -x -d 'The wife\'s date of birth'
complete -c motcua -n $c -l wife-ethnicity -x -d 'The wife\'s ethnicity'
complete -c motcua -n $c -l wife-nationality -x -d 'The wife\'s nationality'
complete -c motcua -n $c -l wife-residence -x -d 'Where the wife lives'
complete -c motcua -n $c -l wife-id-number -x -d 'The wife\'s citizen ID number'
complete -c motcua -n $c -l died-on -x -d 'The date of death'
complete -c motcua -n $c -l died-at-time -x -d 'The time of death, HH:MM'
complete -c motcua -n $c -l place-of-death -x -d 'Where the person died'
complete -c motcua -n $c -l cause -x -d 'The cause of death'
complete -c motcua -n $c -l declarant -x -d 'Who declared the birth or the death'
complete -c motcua -n $c -l registrar -x -d 'The civil status officer who registered it'
complete -c motcua -n $c -l note -x -d 'A note'
complete -c motcua -n $c -l registering-office -x -d 'The office that registered the entry, when not this unit'
# END register add fields
set -l c '__motcua_is register search'
complete -c motcua -n $c -l kind -x -a 'birth marriage death' -d 'Only this register'
complete -c motcua -n $c -l year -x -d 'Only entries registered in this year'
complete -c motcua -n $c -l limit -x -d 'At most N entries (default 20)'
set -l c '__motcua_is register export'
complete -c motcua -n $c -l from -x -d 'Registered on or after DATE'
complete -c motcua -n $c -l to -x -d 'Registered on or before DATE'
complete -c motcua -n $c -s o -l output -r -F -d 'Write to FILE'

# extract birth | marriage | death | reprint | void | list
complete -c motcua -n '__motcua_is extract' -a birth -d 'Issue a certified copy of a birth entry'
complete -c motcua -n '__motcua_is extract' -a marriage -d 'Issue a certified copy of a marriage entry'
complete -c motcua -n '__motcua_is extract' -a death -d 'Issue a certified copy of a death entry'
for kind in birth marriage death
    set -l c "__motcua_is extract $kind"
    complete -c motcua -n $c -l id-number -x -d 'The entry of the person with this citizen ID number'
    complete -c motcua -n $c -l search -x -d 'The one entry whose names match QUERY'
    complete -c motcua -n $c -l copies -x -d 'Number of copies, 1 to 99'
    complete -c motcua -n $c -l requester -x -d 'Who asks for it'
    complete -c motcua -n $c -l dossier -x -a '(__motcua_dossier_codes)' -d 'The dossier it answers, moved to done'
    complete -c motcua -n $c -l preview -d 'Show the document marked as a preview; issue nothing'
end
complete -c motcua -n '__motcua_is extract' -a reprint -d 'Print an issued extract again: same serial and QR code, no new fee'
complete -c motcua -n '__motcua_is extract' -a void -d 'Void an issued extract (it stays in the log)'
complete -c motcua -n '__motcua_is extract' -a list -d 'The log of extracts issued'
for sub in birth marriage death reprint
    set -l c "__motcua_is extract $sub"
    complete -c motcua -n $c -l slip -x -a 'text pdf png' -d 'The rendering'
    complete -c motcua -n $c -s o -l output -r -F -d 'Write the extract to FILE'
    complete -c motcua -n $c -l print -f -a '(lpstat -a 2>/dev/null | string replace -r " .*" "")' -d 'Send the extract as a PDF to lp (--print=PRINTER)'
end
complete -c motcua -n '__motcua_is extract void' -l reason -x -d 'Why the issue is void (required)'
set -l c '__motcua_is extract list'
complete -c motcua -n $c -l from -x -d 'Issued on or after DATE'
complete -c motcua -n $c -l to -x -d 'Issued on or before DATE'
complete -c motcua -n $c -l kind -x -a 'birth marriage death' -d 'Only extracts of this register'
complete -c motcua -n $c -s o -l output -r -F -d 'Write the list to FILE, for a spreadsheet'

# report extracts
complete -c motcua -n '__motcua_is report' -a extracts -d 'Extracts issued and fees collected, per day'
complete -c motcua -n '__motcua_is report extracts' -l from -x -d 'Issued on or after DATE'
complete -c motcua -n '__motcua_is report extracts' -l to -x -d 'Issued on or before DATE (default: today)'
complete -c motcua -n '__motcua_is report extracts' -s o -l output -r -F -d 'Write the figures to FILE, for a spreadsheet'
