#!/bin/sh
# Install Research Workbench for the current user: a launcher in ~/.local/bin, the menu
# entry, icons, AppStream metadata and the .wbproj file type (so project files open with
# the program). The program stays in this folder; ./uninstall.sh removes what this adds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
app_id=org.researchworkbench.ResearchWorkbench

[ -x "$here/ResearchWorkbench" ] || { echo "install: $here/ResearchWorkbench not found" >&2; exit 1; }
mkdir -p "$bin" "$data/applications" "$data/metainfo" "$data/mime/packages"
ln -sf "$here/ResearchWorkbench" "$bin/ResearchWorkbench"
# The menu entry runs this folder's program by its full path (~/.local/bin may not be on PATH).
sed "s|^Exec=ResearchWorkbench|Exec=\"$here/ResearchWorkbench\"|; s|^TryExec=ResearchWorkbench|TryExec=$here/ResearchWorkbench|" \
  "$here/share/applications/$app_id.desktop" > "$data/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
cp "$here/share/mime/packages/research-workbench.xml" "$data/mime/packages/"
(cd "$here/share/icons" && find hicolor -type f) | while read -r icon; do
  mkdir -p "$data/icons/$(dirname "$icon")"
  cp "$here/share/icons/$icon" "$data/icons/$icon"
done
printf '%s\n' "$here" > "$data/applications/.research-workbench-installed-from"

command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
command -v xdg-mime >/dev/null && xdg-mime default "$app_id.desktop" application/x-research-workbench-project || true
echo "Research Workbench installed for $(id -un): menu entry, icons, .wbproj file type, $bin/ResearchWorkbench"
