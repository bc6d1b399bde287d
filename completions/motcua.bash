# bash completion for motcua(1)                              -*- shell-script -*-
#
# Install as $(pkg-config --variable=completionsdir bash-completion)/motcua,
# or source it from ~/.bashrc. It needs nothing from the bash-completion
# package. The commands and options follow the program's command table
# (tests/e2e/t0900-docs.sh checks that they agree with --help).

_motcua_globals='--db --clerk --format -q --quiet -h --help --version'
_motcua_commands='init config procedure dossier holiday calendar register extract report notify inbox qr key db audit serve sync province help'
# Every table the audit log names (audit log --table).
_motcua_tables='settings procedures holidays dossiers portal_exports extracts
	extract_events notifications data_exports births marriages deaths
	register_amendments register_names dossier_names inbox'
_motcua_statuses='received processing supplement payment done returned rejected withdrawn stopped cancelled'
_motcua_settings='unit_id unit_name superior_name province lookup_url sync_url utc_offset workweek office_hours cutoff extract_fee office_address office_phone head_name head_title clerk_names received_at_window_days training
	zns_template_received zns_template_supplement zns_template_done
	zns_template_rescheduled zns_template_rejected zalo_app_id zalo_token_file
	zalo_app_secret_file zalo_zns_base_url zalo_oa_base_url zalo_oauth_base_url
	zalo_oa_window_hours zalo_oa_replies notify_timeout notify_rate notify_max_attempts
	zalo_oa_secret_file zalo_webhook_path zalo_window_minutes'
_motcua_statuses='received processing supplement payment done returned rejected withdrawn stopped cancelled'
# The fields of register add, one per CSV column of any register.
# BEGIN register add fields: written by `make completions`
_motcua_register_fields='--book --number --registered-on --full-name --sex
	--date-of-birth --place-of-birth --ethnicity --nationality
	--hometown --id-number --father-name --father-birth-year
	--father-ethnicity --father-nationality --father-residence
	--mother-name --mother-birth-year --mother-ethnicity
	--mother-nationality --mother-residence --husband-name --wife-name
	--husband-date-of-birth --husband-ethnicity --husband-nationality
	--husband-residence --husband-id-number --wife-date-of-birth
	--wife-ethnicity --wife-nationality --wife-residence
	--wife-id-number --died-on --died-at-time --place-of-death --cause
	--declarant --registrar --note --registering-office'
# END register add fields

# The subcommands of a family; nothing for a one-level command.
_motcua_subcommands()
{
	case $1 in
	config) echo 'get set list' ;;
	procedure) echo 'list add import' ;;
	dossier) echo 'new status find list update amend note cancel export form' ;;
	holiday) echo 'list add import' ;;
	calendar) echo 'due' ;;
	report) echo 'summary dossiers extracts' ;;
	notify) echo 'list export send mark' ;;
	inbox) echo 'list show done' ;;
	sync) echo 'push' ;;
	province) echo 'init summary status search check' ;;
	qr) echo 'print verify' ;;
	key) echo 'export' ;;
	db) echo 'check upgrade backup' ;;
	audit) echo 'log checkpoint' ;;
	register) echo 'import add amend show search export' ;;
	extract) echo 'birth marriage death reprint void list' ;;
	esac
}

# The options of a command ("init", "dossier new", ...).
_motcua_options()
{
	case $1 in
	init) echo '--unit-id --unit-name --province --lookup-url --training' ;;
	'procedure add') echo '--code --name --days --fee --doc --kind --field-code --field-name --replace' ;;
	'dossier new')
		echo '--procedure --applicant --id-number --phone --email --address' \
			'--channel --from-message --delivery --doc --sets --note --received-at --slip' \
			'-o --output --print' ;;
	'dossier form') echo '--slip -o --output --print' ;;
	'qr print')
		echo '--text -t --type -o --output -s --size -m --margin -l --level' \
			'-d --dpi --foreground --background --batch' ;;
	'qr verify') echo '--key' ;;
	'dossier find') echo '--limit' ;;
	'dossier list') echo '--status --overdue --procedure --from --to -o --output' ;;
	'dossier update') echo '--status --note --reason --due' ;;
	'dossier amend') echo '--applicant --phone --id-number --address --email --reason' ;;
	'dossier cancel') echo '--reason' ;;
	'dossier export') echo '--since' ;;
	'holiday list') echo '--year' ;;
	'holiday add') echo '--name --workday' ;;
	'calendar due') echo '--from --days' ;;
	'report summary') echo '--from --to --by --checkpoint --chart' ;;
	'report dossiers') echo '--from --to -o --output' ;;
	'notify list') echo '--pending' ;;
	'notify mark') echo '--msg-id --error' ;;
	'audit log') echo '--table' ;;
	'db check') echo '--against --witness --repair-index' ;;
	'db backup') echo '--with-key' ;;
	'register import') echo '--dry-run --reject-file --amend --reason' ;;
	'register add') echo "$_motcua_register_fields" ;;
	'register amend') echo "$_motcua_register_fields --reason" ;;
	'register search') echo '--kind --year --limit' ;;
	'register export') echo '--from --to -o --output' ;;
	'extract birth' | 'extract marriage' | 'extract death')
		echo '--id-number --search --copies --requester --dossier --preview --slip' \
			'-o --output --print' ;;
	'extract reprint') echo '--slip -o --output --print' ;;
	'extract void') echo '--reason' ;;
	'extract list') echo '--from --to --kind -o --output' ;;
	'report extracts') echo '--from --to -o --output' ;;
	'inbox list') echo '--pending' ;;
	'sync push') echo '--url --batch' ;;
	'province init') echo '--ward --reader' ;;
	'province summary') echo '--url --from --to --by' ;;
	'province status') echo '--url' ;;
	'province search') echo '--url --kind --year --limit' ;;
	'province check') echo '--url --silent-days' ;;
	serve)
		echo '--listen --threads --trust-proxy --frame-ancestors --max-failures' \
			'--block-minutes --drain-seconds --province --lookup-url' ;;
	esac
}

# Is $1 a field of register add? (The list is wrapped over several lines.)
_motcua_is_field()
{
	local IFS=$' \t\n' f
	for f in $_motcua_register_fields; do
		[[ $f == "$1" ]] && return 0
	done
	return 1
}

# Options that take a value (the next word is not a positional argument).
_motcua_takes_value()
{
	case $1 in
	--db | --clerk | --format | --unit-id | --unit-name | --province | \
	--lookup-url | --code | --name | --days | --fee | --doc | --kind | \
	--field-code | --field-name | \
	--procedure | --applicant | --id-number | --phone | --email | \
	--address | --channel | --delivery | --sets | --note | --received-at | \
	--slip | -o | --output | --status | --from | --to | --reason | --due | \
	--year | --since | --by | --msg-id | --error | --text | -t | --type | \
	-s | --size | -m | --margin | -l | --level | -d | --dpi | --foreground | \
	--background | --key | --table | --against | --witness | --reject-file | --limit | \
	--search | --copies | --requester | --dossier | --with-key | --chart | \
	--listen | --threads | --frame-ancestors | --max-failures | --block-minutes | \
	--drain-seconds | --province | --from-message | --url | --batch | --ward | \
	--reader | --silent-days)
		return 0 ;;
	esac
	# Every field of register add takes a value.
	_motcua_is_field "$1" && return 0
	return 1
}

# COMPREPLY from a list of words and the current word.
_motcua_words()
{
	local IFS=$' \t\n'
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

_motcua_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -f -- "$1"))
}

# Where a CSV is read: .csv files, and folders to reach them.
_motcua_csv_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -f -X '!*.[cC][sS][vV]' -- "$1") $(compgen -d -- "$1"))
}

# The codes of the dossiers still to act on (open, or done and waiting to
# be returned), from the database ($1: a --db given, else the default);
# nothing when there is none.
_motcua_dossier_codes()
{
	local codes
	codes=$(motcua ${1:+--db "$1"} -q dossier list --status received --status processing \
		--status supplement --status payment --status done 2>/dev/null </dev/null)
	_motcua_words "$codes" "$2"
}

_motcua()
{
	local cur prev cword=$COMP_CWORD pre=''
	local -a words=("${COMP_WORDS[@]}")
	cur=${words[cword]}
	prev=
	((cword > 0)) && prev=${words[cword - 1]}
	COMPREPLY=()

	# "--status=do": bash usually splits the word at "=" (COMP_WORDBREAKS);
	# either way, complete the value as if it were the next word.
	if [[ $cur == = && $prev == -* ]]; then
		cur=
	elif [[ $prev == = ]] && ((cword > 1)); then
		prev=${words[cword - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		pre=$prev=
		cur=${cur#*=}
	fi
	_motcua_complete
	if [[ -n $pre ]]; then
		local k
		for k in "${!COMPREPLY[@]}"; do
			COMPREPLY[k]=$pre${COMPREPLY[k]}
		done
	fi
}

# The work of _motcua, with its cur, prev, cword and words.
_motcua_complete()
{

	# Find the command, its subcommand, the positional arguments typed
	# so far, and a --db given earlier.
	local i=1 w cmd='' sub='' db='' npos=0 key=''
	while ((i < cword)); do
		w=${words[i]}
		case $w in
		--db)
			if [[ ${words[i + 1]} == = ]]; then
				db=${words[i + 2]}
				((i += 3))
			else
				db=${words[i + 1]}
				((i += 2))
			fi
			continue ;;
		--db=*)
			db=${w#--db=} ;;
		=)
			;;
		-*)
			if _motcua_takes_value "$w"; then
				[[ ${words[i + 1]} == = ]] && ((i++))
				((i += 2))
				continue
			fi ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=$w
				# A family's subcommand comes right after it.
				if [[ -n $(_motcua_subcommands "$cmd") ]] && ((i + 1 < cword)); then
					sub=${words[i + 1]}
					((i++))
				fi
			else
				((npos++))
				((npos == 1)) && key=$w
			fi ;;
		esac
		((i++))
	done
	db=${db/#\~/$HOME}

	# The value of an option.
	case $prev in
	--db | -o | --output | --against | --witness | --reject-file | --with-key | --chart)
		_motcua_files "$cur"
		return ;;
	--clerk)
		local IFS=$'\n'
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -u -- "$cur"))
		return ;;
	--format)
		case $cmd${sub:+ $sub} in
		'dossier export') _motcua_words 'jsonl' "$cur" ;;
		'notify export') _motcua_words 'jsonl csv' "$cur" ;;
		'notify send') _motcua_words 'text json' "$cur" ;;
		*) _motcua_words 'text json csv' "$cur" ;;
		esac
		return ;;
	--by)
		_motcua_words 'procedure clerk channel' "$cur"
		return ;;
	--status)
		# cancelled: listed, never moved to (dossier cancel does it)
		if [[ $sub == update ]]; then
			_motcua_words "${_motcua_statuses% cancelled}" "$cur"
		else
			_motcua_words "$_motcua_statuses" "$cur"
		fi
		return ;;
	--channel)
		_motcua_words 'counter online post' "$cur"
		return ;;
	--delivery)
		_motcua_words 'counter post' "$cur"
		return ;;
	--slip)
		if [[ $cmd == dossier && $sub == form ]] || [[ $cmd == extract ]]; then
			_motcua_words 'text pdf png' "$cur"
		else
			_motcua_words 'text pdf png none' "$cur"
		fi
		return ;;
	-t | --type)
		_motcua_words 'png svg utf8 ansi ascii' "$cur"
		return ;;
	-l | --level)
		_motcua_words 'L M Q H' "$cur"
		return ;;
	--print)
		# Only as --print=PRINTER: the printers that lpstat knows.
		[[ -n $pre ]] && _motcua_words "$(lpstat -a 2>/dev/null | cut -d' ' -f1)" "$cur"
		if [[ $cmd == extract ]]; then
			_motcua_words 'text' "$cur"
		else
			_motcua_words 'text none' "$cur"
		fi
		return ;;
	--kind)
		if [[ $cmd == procedure ]]; then
			_motcua_words 'extract birth marriage death' "$cur"
		else
			_motcua_words 'birth marriage death' "$cur"
		fi
		return ;;
	--table)
		_motcua_words "$_motcua_tables" "$cur"
		return ;;
	--procedure)
		local codes
		if [[ -n $db ]]; then
			codes=$(motcua --db "$db" -q procedure list 2>/dev/null)
		else
			codes=$(motcua -q procedure list 2>/dev/null)
		fi
		_motcua_words "$codes" "$cur"
		return ;;
	--unit-id | --unit-name | --province | --lookup-url | --code | --name | \
	--days | --fee | --doc | --applicant | --id-number | --phone | --email | \
	--address | --sets | --note | --received-at | --from | --to | --reason | \
	--due | --year | --since | --msg-id | --error | --text | -s | --size | \
	-m | --margin | -d | --dpi | --foreground | --background | --key | \
	--limit | --search | --copies | --requester | --from-message | --url | \
	--batch | --ward | --reader | --silent-days)
		return ;;
	--dossier)
		_motcua_dossier_codes "$db" "$cur"
		return ;;
	esac
	if _motcua_is_field "$prev"; then
		case $prev in
		--sex) _motcua_words 'Nam Nữ' "$cur" ;;
		esac
		return
	fi

	# No command yet: the global options or the commands.
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_motcua_words "$_motcua_globals" "$cur"
		else
			_motcua_words "$_motcua_commands" "$cur"
		fi
		return
	fi

	# A family without its subcommand yet.
	local subs
	subs=$(_motcua_subcommands "$cmd")
	if [[ -n $subs && -z $sub ]]; then
		if [[ $cur == -* ]]; then
			_motcua_words '-h --help' "$cur"
		else
			_motcua_words "$subs" "$cur"
		fi
		return
	fi

	local name=$cmd${sub:+ $sub}
	if [[ $cur == -* ]]; then
		_motcua_words "$(_motcua_options "$name") $_motcua_globals" "$cur"
		return
	fi

	# Positional arguments.
	case $name in
	'config get')
		((npos == 0)) && _motcua_words "$_motcua_settings" "$cur" ;;
	'config set')
		if ((npos == 0)); then
			_motcua_words "$_motcua_settings" "$cur"
		elif ((npos == 1)); then
			case $key in
			workweek) _motcua_words 'mon-fri mon-sat-am' "$cur" ;;
			esac
		fi ;;
	'procedure import' | 'holiday import')
		((npos == 0)) && _motcua_csv_files "$cur" ;;
	'db backup')
		((npos == 0)) && _motcua_files "$cur" ;;
	'dossier status' | 'dossier update' | 'dossier amend' | 'dossier note' | 'dossier cancel')
		((npos == 0)) && _motcua_dossier_codes "$db" "$cur" ;;
	'audit log')
		# A dossier's code, unless --table names the table.
		((npos == 0)) && [[ " ${words[*]} " != *" --table"* ]] &&
			_motcua_dossier_codes "$db" "$cur" ;;
	'notify mark')
		((npos == 1)) && _motcua_words 'sent failed' "$cur" ;;
	'dossier form')
		if ((npos == 0)); then
			_motcua_dossier_codes "$db" "$cur"
		elif ((npos == 1)); then
			_motcua_words '01 02 03 04 05' "$cur"
		fi ;;
	'register import')
		if ((npos == 0)); then
			_motcua_words 'birth marriage death' "$cur"
		elif ((npos == 1)); then
			_motcua_csv_files "$cur"
		fi ;;
	'register add' | 'register amend' | 'register show' | 'register export')
		((npos == 0)) && _motcua_words 'birth marriage death' "$cur" ;;
	help)
		if ((npos == 0)); then
			_motcua_words "$_motcua_commands" "$cur"
		elif ((npos == 1)); then
			_motcua_words "$(_motcua_subcommands "$key")" "$cur"
		fi ;;
	esac
}

complete -F _motcua motcua
