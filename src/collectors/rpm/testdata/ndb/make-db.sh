#!/bin/sh
# Makes a real rpm ndb database (the format of SUSE's Packages.db) with rpm itself:
#   make-db.sh RPM OUT
# RPM is an rpm binary with the ndb backend (`RPM --showrc | grep 'available backends'` lists
# ndb; Debian's rpm 4.18 does not, so the committed Packages.db was made with rpm 4.18.0 built
# from Debian's source package: `apt-get source rpm`, then in it `./configure --enable-ndb
# --without-selinux --without-cap --without-audit --disable-plugins --disable-python
# --with-crypto=libgcrypt` with LUA_CFLAGS/LUA_LIBS from `pkg-config lua5.3`, `make`).
# rpmbuild from PATH builds the packages.
# OUT gets Packages.db and rpm-qa.txt, rpm's own listing of it. Four packages are installed and
# one erased, so the database also holds an emptied slot, as a long-lived system's does.
# OUT/many gets the same for 300 packages (two erased): more than one 4096-byte slot page holds,
# so rpm adds a slot page and moves blobs out of its way, as on any real SUSE system.
# Its Packages.db is gzipped (headers alike: 380 KB shrink to a few).
set -eu
RPM=$1
OUT=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/SPECS" "$work/db" "$OUT"

# spec version release epoch ("-": none) binary ("-": the spec's own name; else a subpackage,
# so its source rpm carries another name, as libopenssl3's is openssl-3's)
while read -r spec version release epoch binary; do
  {
    echo "Name: $spec"
    echo "Version: $version"
    echo "Release: $release"
    [ "$epoch" = - ] || echo "Epoch: $epoch"
    echo "Summary: test package"
    echo "License: MIT"
    echo "BuildArch: noarch"
    echo "%description"
    echo "test package built by palisade's tests"
    if [ "$binary" = - ]; then
      binary=$spec
      echo "%files"
    else
      echo "%package -n $binary"
      echo "Summary: test subpackage"
      echo "%description -n $binary"
      echo "test subpackage"
      echo "%files -n $binary"
    fi
  } > "$work/SPECS/$spec.spec"
  rpmbuild -bb --quiet --define "_topdir $work" "$work/SPECS/$spec.spec" >/dev/null
  "$RPM" -i --justdb --nodeps --define '_db_backend ndb' --dbpath "$work/db" "$work/RPMS/noarch/$binary-$version-$release.noarch.rpm"
done <<'LIST'
openssl-3 3.1.4 150600.5.15.1 - libopenssl3
bash 4.4 150400.27.3.2 - -
erased-later 1.0 1 - -
timezone 2024a 150600.91.3 2 -
LIST
"$RPM" -e --justdb --nodeps --define '_db_backend ndb' --dbpath "$work/db" erased-later

cp "$work/db/Packages.db" "$OUT/Packages.db"
"$RPM" -qa --define '_db_backend ndb' --dbpath "$work/db" --qf '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE} %{ARCH} %{SOURCERPM}\n' | sort > "$OUT/rpm-qa.txt"

# One spec, 300 subpackages: one rpmbuild run makes them all.
mkdir -p "$work/many" "$OUT/many"
{
  printf 'Name: many\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\nBuildArch: noarch\n%%description\nmany\n'
  for i in $(seq 1 300); do printf '%%package -n sub%s\nSummary: s\n%%description -n sub%s\nsub\n%%files -n sub%s\n' "$i" "$i" "$i"; done
} > "$work/SPECS/many.spec"
rpmbuild -bb --quiet --define "_topdir $work" "$work/SPECS/many.spec" >/dev/null
"$RPM" -i --justdb --nodeps --define '_db_backend ndb' --dbpath "$work/many" "$work"/RPMS/noarch/sub*.rpm
"$RPM" -e --justdb --nodeps --define '_db_backend ndb' --dbpath "$work/many" sub7 sub100
gzip -9n < "$work/many/Packages.db" > "$OUT/many/Packages.db.gz"
"$RPM" -qa --define '_db_backend ndb' --dbpath "$work/many" --qf '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE} %{ARCH} %{SOURCERPM}\n' | sort > "$OUT/many/rpm-qa.txt"
