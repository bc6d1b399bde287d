#!/bin/sh
# init and config: setting up an office, and what a second init does.
. "$(dirname "$0")/../lib.sh"

expect_code 66 "a command before init says there is no database" procedure list
expect_err "the message names the file and the fix" \
"motcua: $MOTCUA_DB: no database here; run 'motcua init' first (or give --db)"

expect_code 65 "init refuses a bad unit id" init --training --unit-id "bad id" --unit-name "UBND phường Vĩnh Phú"
expect_err "the message names the field" \
"motcua: unit_id: \"bad id\" is not an agency code (1 to 35 of 0-9, A-Z and '.')"
expect_eq "a refused init leaves no database behind" "no" "$(test -e "$MOTCUA_DB" && echo yes || echo no)"

expect_code 2 "init without --unit-name is a usage error" init --training --unit-id 000.00.22.H12

expect_code 0 "init sets up the office" init --training --unit-id 000.00.22.H12 \
	--unit-name "UBND phường Vĩnh Phú" --province "Bình Dương"
expect_out "init says where, and that it is a training copy" \
	"$MOTCUA_DB: set up for UBND phường Vĩnh Phú (000.00.22.H12), a training copy"
expect_eq "the database is private (0600)" "600" "$(stat -c %a "$MOTCUA_DB")"
expect_eq "its new folder is private (0700)" "700" "$(stat -c %a "$(dirname "$MOTCUA_DB")")"
expect_eq "the database is in WAL mode" "wal" "$(sqlite3 "$MOTCUA_DB" 'PRAGMA journal_mode')"
# One migration per "/* N: ... */" entry of core/schema.c's array.
expect_eq "the schema version is recorded" \
	"$(grep -c '^	/\* [0-9][0-9]*: ' "$(dirname "$0")/../../core/schema.c")" \
	"$(sqlite3 "$MOTCUA_DB" 'PRAGMA user_version')"
expect_eq "the catalogue is seeded" "7" "$(sqlite3 "$MOTCUA_DB" 'select count(*) from procedures')"

expect_code 0 "init again with the same settings is harmless" init --training --unit-id 000.00.22.H12 \
	--unit-name "UBND phường Vĩnh Phú"
expect_out "it says so" "$MOTCUA_DB: already set up"
expect_code 1 "init again with other settings is refused" init --training --unit-id 000.00.22.H13 \
	--unit-name "UBND phường Vĩnh Phú"
expect_err "naming the setting" \
"motcua: $MOTCUA_DB: already set up with another unit_id; use 'motcua config set' to change it"

expect_code 0 "config get" config get unit_name
expect_out "prints the value" "UBND phường Vĩnh Phú"
expect_code 0 "config get of a default" config get cutoff
expect_out "prints the default" "15:00"
expect_code 1 "config get of an unset setting is exit 1" config get lookup_url
expect_empty "and prints nothing"
expect_code 65 "config get of an unknown key" config get colour
expect_err "names it" "motcua: colour: no such setting"

before=$(db_snapshot)
expect_code 65 "config set refuses a bad offset" config set utc_offset "+25:00"
expect_err "with the reason" "motcua: utc_offset: \"+25:00\" is not a UTC offset such as +07:00"
expect_code 65 "config set refuses bad office hours" config set office_hours "17:00-07:30"
expect_code 65 "config set refuses a bad work week" config set workweek "mon-sun"
expect_code 65 "config set refuses a lookup URL without {code}" config set lookup_url "https://x.gov.vn/?ma="
expect_code 65 "config set refuses a bad fee" config set extract_fee "-5"
expect_code 65 "config set refuses a window of days back that is not a number" \
	config set received_at_window_days "a week"
expect_err "naming the key and the bounds" \
	"motcua: received_at_window_days: \"a week\" is not a number of days (0 to 3660)"
expect_code 65 "config set cannot unmark a training copy" config set training no
expect_err "only init marks one" \
	"motcua: training: \"no\" is set by 'motcua init --training' only, and never unset"
expect_code 65 "nor mark one" config set training yes
expect_code 65 "config set refuses a cut-off outside office hours" config set cutoff 06:00
expect_err "and says why" "motcua: cutoff: \"06:00\" does not fit: the cut-off must lie within office hours"
expect_code 65 "config set refuses office hours that leave the cut-off out" config set office_hours 07:30-14:00
expect_code 2 "config set without a value is a usage error" config set cutoff
expect_eq "refused settings change nothing" "$before" "$(db_snapshot)"

expect_code 0 "config set normalises an offset" config set utc_offset "+0700"
mc config get utc_offset
expect_out "stored as +07:00" "+07:00"
expect_code 0 "config set lookup_url" config set lookup_url 'https://dvc.example.gov.vn/tra-cuu?ma={code}&pin={pin}'

expect_code 0 "config list" config list
expect_out "lists every setting" "unit_id                  000.00.22.H12
unit_name                UBND phường Vĩnh Phú
superior_name            
province                 Bình Dương
lookup_url               https://dvc.example.gov.vn/tra-cuu?ma={code}&pin={pin}
sync_url                 
utc_offset               +07:00
workweek                 mon-fri
office_hours             07:30-17:00
cutoff                   15:00
extract_fee              8000
office_phone             
office_address           
head_name                
head_title               
clerk_names              
received_at_window_days  30
training                 yes
zns_template_received    
zns_template_supplement  
zns_template_done        
zns_template_rescheduled 
zns_template_rejected    
zalo_app_id              
zalo_oa_secret_file      
zalo_webhook_path        
zalo_window_minutes      5
zalo_token_file          
zalo_app_secret_file     
zalo_zns_base_url        https://business.openapi.zalo.me
zalo_oa_base_url         https://openapi.zalo.me
zalo_oauth_base_url      https://oauth.zaloapp.com
zalo_oa_window_hours     48
zalo_oa_replies          8
notify_timeout           20
notify_rate              5
notify_max_attempts      5"
expect_code 0 "config list --format json" config list --format json
expect_eq "is JSON a parser reads" "8000" "$(jq -r .extract_fee "$TMP/out")"
expect_code 0 "config list --format csv" config list --format csv
expect_eq "is CSV with a header" "key,value" "$(head -1 "$TMP/out")"

expect_code 2 "an unknown command is a usage error" frobnicate
expect_code 2 "an unknown option is a usage error" config list --frob
expect_err "naming it" "motcua: unknown option --frob
usage: motcua config list"
expect_code 2 "--format of a command that has none" config get cutoff --format csv
expect_code 0 "--version" --version
expect_out "prints the version" "motcua 0.1.0"
