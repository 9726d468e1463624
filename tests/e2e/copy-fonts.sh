#!/bin/sh
# Copies the Vazirmatn web font from the npm package into views/assets/fonts/, where
# nginx serves it as /assets/fonts/. The font is never committed (the folder is
# git-ignored): `npm ci` fetches the pinned package, the build calls this script.
# Only the variable font is copied (one file for every weight), with the package's
# licence beside it as the SIL OFL asks.
#
# Usage: tests/e2e/copy-fonts.sh [SRCDIR]   (SRCDIR: the tree holding node_modules/
# and views/, default: the repository this script lives in)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=${1:-$(cd "$here/../.." && pwd)}
pkg="$top/node_modules/vazirmatn"
dest="$top/views/assets/fonts"

if [ ! -d "$pkg/fonts/webfonts" ]; then
	echo "copy-fonts: $pkg not found; run 'npm ci' in $top first" >&2
	exit 1
fi

mkdir -p "$dest"
for f in 'Vazirmatn[wght].woff2'; do
	if [ ! -f "$pkg/fonts/webfonts/$f" ]; then
		echo "copy-fonts: $pkg/fonts/webfonts/$f missing (package layout changed?)" >&2
		exit 1
	fi
	cp "$pkg/fonts/webfonts/$f" "$dest/$f"
done
cp "$pkg/OFL.txt" "$dest/OFL.txt"
echo "copy-fonts: Vazirmatn copied to $dest"
