# bash completion for eventmap(1)                          -*- shell-script -*-
# Installed as share/bash-completion/completions/eventmap.  Keep the option
# lists true to `eventmap COMMAND --help` (tests/install/test_install.sh
# checks every option of every command's help is offered here).  Works
# with or without the bash-completion package.
# shellcheck disable=SC2207 # compgen's words, split on IFS (newlines for file names)

_eventmap_commands="run batch export geocode render extract web"

# The options of one command, as its --help lists them.
_eventmap_options()
{
	local gazetteer="-g --gazetteer --override --places"
	local poster="-s --style -p --page --landscape --portrait --dpi --title --subtitle
		--credit --labels --crs --basemap --focus-country --from --to --event-type --category"
	case $1 in
	run)
		echo "-o --output -r --reports --flows --title --focus-country $gazetteer -q --quiet
			-h --help" ;;
	geocode)
		echo "-i --input -o --output -f --format --formats -c --country -a --admin1
			--near --region $gazetteer --no-default-gazetteer --min-score -h --help" ;;
	export)
		echo "-r --reports --flows -o --output -f --format --formats --connection
			$gazetteer --strict -q --quiet -h --help" ;;
	render)
		echo "-o --output -r --reports --flows --day $poster $gazetteer -q --quiet -h --help" ;;
	batch)
		echo "-o --output -r --reports --flows --per-day --weekly --cumulative -f --format
			--formats $poster -j --jobs --shard --overview-only --slurm --by $gazetteer -q --quiet
			-h --help" ;;
	extract)
		echo "-o --output --date --outlet --html $gazetteer -q --quiet -h --help" ;;
	web)
		echo "-o --output -r --reports --flows -s --style --title --subtitle --credit --labels
			--basemap --focus-country --from --to --event-type --category $gazetteer -q --quiet
			-h --help" ;;
	esac
}

# Files (or, with -d, directories) matching $cur, quoted as file names.
_eventmap_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	if [[ $1 == -d ]]; then
		COMPREPLY+=($(compgen -d -- "$cur"))
	else
		COMPREPLY+=($(compgen -f -- "$cur"))
	fi
}

# Words from a list; with -c, the last item of a comma-separated list.
_eventmap_words()
{
	local list=1
	if [[ $1 == -c ]]; then
		list=0
		shift
	fi
	if ((list == 0)) && [[ $cur == *,* ]]; then
		local head=${cur%,*}, tail=${cur##*,}
		COMPREPLY+=($(compgen -P "$head" -W "$1" -- "$tail"))
	else
		COMPREPLY+=($(compgen -W "$1" -- "$cur"))
	fi
}

_eventmap()
{
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --option=value: bash splits at '=' (COMP_WORDBREAKS), or not.
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	fi

	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $cmd in
	'')
		if [[ $cur == -* ]]; then
			_eventmap_words "--help --version"
		else
			_eventmap_words "$_eventmap_commands help version"
		fi
		return 0 ;;
	help)
		((COMP_CWORD == i + 1)) && _eventmap_words "$_eventmap_commands"
		return 0 ;;
	run | batch | export | geocode | render | extract | web) ;;
	*) return 0 ;;
	esac

	# The value of the option before the cursor.
	case $prev in
	-r | --reports | --flows | -g | --gazetteer | --override | --places | --basemap)
		_eventmap_files
		return 0 ;;
	-i | --input)
		_eventmap_files
		return 0 ;;
	-o | --output)
		case $cmd in
		geocode | render) _eventmap_files ;;
		*) _eventmap_files -d ;;
		esac
		return 0 ;;
	-s | --style)
		_eventmap_words "print dark mono"
		_eventmap_files
		return 0 ;;
	-p | --page)
		_eventmap_words "A4 A3 A2 social-square social-wide"
		return 0 ;;
	--labels)
		_eventmap_words "en ar both"
		return 0 ;;
	-f | --format | --formats)
		case $cmd in
		geocode) _eventmap_words "tsv json" ;;
		batch) _eventmap_words -c "png pdf svg" ;;
		export) _eventmap_words -c "GPKG GeoJSON FlatGeobuf KML CSV PostgreSQL" ;;
		esac
		return 0 ;;
	--event-type)
		_eventmap_words -c "battles violence_against_civilians explosions protests riots
			strategic_developments other"
		return 0 ;;
	--category)
		_eventmap_words -c "civilians security_forces pro_assad_fighters unknown"
		return 0 ;;
	--region | --focus-country)
		_eventmap_words "none"
		return 0 ;;
	--by)
		_eventmap_words "admin1 country"
		return 0 ;;
	--title | --subtitle | --credit | --crs | --dpi | --day | --from | --to | -j | --jobs | \
		-c | --country | -a | --admin1 | --near | --min-score | --connection | --date | \
		--outlet | --shard | --slurm)
		return 0 ;;
	esac

	# geocode takes names, extract files; every other command only options.
	if [[ $cur == -* || ($cmd != geocode && $cmd != extract) ]]; then
		_eventmap_words "$(_eventmap_options "$cmd")"
	elif [[ $cmd == extract ]]; then
		_eventmap_files
	fi
	return 0
}

complete -F _eventmap eventmap
