#!/bin/sh
# i18n_catalog.sh: the French catalog is complete and well-formed. xgettext,
# with the keywords po/meson.build gives it, extracts every word the pages mark
# from the sources; msgcmp checks po/fr.po has each one, msgfmt -c checks the
# translations (formats, plurals) and counts no untranslated or fuzzy entry.
# And a system without the French locale still serves the pages, in English.
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
args=$(grep -o "'--[a-z-]*=[^']*'" po/meson.build | tr -d "'" | tr '\n' ' ')
# shellcheck disable=SC2086
xgettext $args -o "$T/eala.pot" -f po/POTFILES 2>"$T/err"
ok $? "xgettext extracts the marked words of the pages"
words=$(grep -c '^msgid ' "$T/eala.pot")
ok $([ "$words" -gt 100 ]; echo $?) "and finds them ($words, header included)"
msgcmp po/fr.po "$T/eala.pot" >"$T/out" 2>&1
s=$?
ok $s "po/fr.po has every one of them"
[ $s -eq 0 ] || sed 's/^/# | /' "$T/out" | head -20
msgfmt -c --statistics -o /dev/null po/fr.po >"$T/out" 2>&1
ok $? "msgfmt -c accepts po/fr.po"
has out "translated messages." "msgfmt counts its translations"
hasnt out "untranslated" "none is left untranslated"
hasnt out "fuzzy" "none is fuzzy"
cd "$T" || exit 1

run init
serve LOCPATH="$T/no-locales"
curl -s -o "$T/out" "$URL/?lang=fr"
kill "$PID"
wait "$PID"
has serve.log "no Français pages: the system lacks the fr_FR.UTF-8 locale" "without a French locale the server says so when it starts"
has out '<html lang="en">' "and serves the pages in English"
hasnt out "Français" "without offering French"
finish
