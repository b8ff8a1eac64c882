#!/bin/sh
# Remove what install.sh added for the current user. Projects and settings are kept.
set -eu
data=${XDG_DATA_HOME:-$HOME/.local/share}
app_id=org.researchworkbench.ResearchWorkbench
link=$HOME/.local/bin/ResearchWorkbench
[ -L "$link" ] && rm -f "$link"
rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml" \
  "$data/mime/packages/research-workbench.xml" "$data/applications/.research-workbench-installed-from"
find "$data/icons/hicolor" \( -name "$app_id.png" -o -name "$app_id.svg" \
  -o -name 'application-x-research-workbench-project.*' \) -type f -delete 2>/dev/null || true
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Research Workbench removed from the menu and file types; your projects and settings are untouched."
