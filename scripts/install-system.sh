#!/usr/bin/env bash
# Install the Debian packages chitieu needs, only those missing. Used by `make setup`.
set -euo pipefail
PKGS=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd tesseract-ocr-script-viet ghostscript
      unpaper poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation
      fonts-liberation2 fonts-dejavu-core fonts-dejavu-extra fonts-urw-base35
      libzbar0 zbar-tools
      postgresql python3-venv)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages: all present."
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
