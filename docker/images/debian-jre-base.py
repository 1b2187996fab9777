#!/usr/bin/env python3
"""Makes a Java 17 base image as a `docker save` tarball from this Debian machine's own packages.

Used where no container registry is reachable (this project's build machines): Quarkus Jib takes its base image
from a tarball with `quarkus.jib.base-jvm-image=tar://<file>` (see docker/images/build-images). Production images
use registry.access.redhat.com/ubi9/openjdk-17-runtime (application.properties, section "Container image").

The image holds one layer: every file of the installed Debian packages openjdk-17-jre-headless and
ca-certificates-java (/etc/ssl/certs/java/cacerts), the shared libraries those ELF files need (ldd), /usr/bin/java,
/etc/passwd and /etc/group with the user 185 (the UBI images' `jboss` user), /tmp and /home/jboss. No shell.

    python3 docker/images/debian-jre-base.py <output.tar>
"""
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile

JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"
PACKAGES = ["openjdk-17-jre-headless", "ca-certificates-java"]
MTIME = 0  # reproducible: the same machine gives the same layer digest


def package_files(package):
    out = subprocess.run(["dpkg", "-L", package], check=True, capture_output=True, text=True).stdout
    return [p for p in out.splitlines()
            if p and not p.startswith(("/usr/share/doc", "/usr/share/man", "/usr/lib/debug", "/usr/share/lintian"))
            and os.path.lexists(p) and (os.path.islink(p) or not os.path.isdir(p))]


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def ldd(path):
    out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
    libs = []
    for line in out.splitlines():
        parts = line.split()
        if "=>" in parts and len(parts) > parts.index("=>") + 1 and parts[parts.index("=>") + 1].startswith("/"):
            libs.append(parts[parts.index("=>") + 1])
        elif parts and parts[0].startswith("/"):
            libs.append(parts[0])  # the dynamic loader
    return libs


def closure(paths):
    """The paths, the targets of their symbolic links (recursively) and the libraries of their ELF files."""
    seen, todo = set(), list(paths)
    while todo:
        p = todo.pop()
        if not os.path.lexists(p):
            continue
        parent = os.path.dirname(p)
        p = os.path.join(os.path.realpath(parent), os.path.basename(p))  # /lib/x.so -> /usr/lib/x.so
        if p in seen:
            continue
        seen.add(p)
        while parent != "/":  # keep the linked folders on the way (/lib -> usr/lib on merged-/usr systems)
            if os.path.islink(parent):
                todo.append(parent)
            parent = os.path.dirname(parent)
        if os.path.islink(p):
            todo.append(os.path.normpath(os.path.join(os.path.dirname(p), os.readlink(p))))
        elif os.path.isfile(p) and is_elf(p):
            todo.extend(ldd(p))
    return seen


def add_dirs(tar, path, added):
    parts = path.strip("/").split("/")[:-1]
    for i in range(1, len(parts) + 1):
        d = "/" + "/".join(parts[:i])
        if d in added or os.path.islink(d):
            continue
        added.add(d)
        info = tarfile.TarInfo(d.lstrip("/"))
        info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
        tar.addfile(info)


def add_bytes(tar, name, data, mode=0o644, uid=0):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime, info.uid, info.gid = len(data), mode, MTIME, uid, uid
    tar.addfile(info, io.BytesIO(data))


def layer(files):
    buf = io.BytesIO()
    added = set()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for p in sorted(files):
            add_dirs(tar, p, added)
            info = tar.gettarinfo(p, arcname=p.lstrip("/"))
            if info.isdir():
                if p in added:
                    continue
                added.add(p)
            info.mtime, info.uid, info.gid, info.uname, info.gname = MTIME, 0, 0, "root", "root"
            if info.isreg():
                with open(p, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
        for d in ("tmp",):
            info = tarfile.TarInfo(d)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o1777, MTIME
            tar.addfile(info)
        for d in ("home", "home/jboss"):
            info = tarfile.TarInfo(d)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
            info.uid = info.gid = 185 if d == "home/jboss" else 0
            tar.addfile(info)
        info = tarfile.TarInfo("usr/bin/java")
        info.type, info.linkname, info.mtime = tarfile.SYMTYPE, JAVA_HOME + "/bin/java", MTIME
        if "usr/bin" not in {a.lstrip("/") for a in added}:
            d = tarfile.TarInfo("usr/bin")
            d.type, d.mode, d.mtime = tarfile.DIRTYPE, 0o755, MTIME
            tar.addfile(d)
        tar.addfile(info)
        add_bytes(tar, "etc/passwd", b"root:x:0:0:root:/root:/sbin/nologin\n"
                                     b"jboss:x:185:0:JBoss user:/home/jboss:/sbin/nologin\n")
        add_bytes(tar, "etc/group", b"root:x:0:\njboss:x:185:\n")
    return buf.getvalue()


def main(out):
    files = []
    for package in PACKAGES:
        files += package_files(package)
    java = JAVA_HOME + "/bin/java"
    if not os.path.isfile(java):
        sys.exit(f"debian-jre-base: {java} missing (apt-get install openjdk-17-jre-headless)")
    data = layer(closure(files + [java]))
    diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": "1970-01-01T00:00:00Z",
        "config": {
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "JAVA_HOME=" + JAVA_HOME, "LANG=C.UTF-8"],
            "User": "185",
            "WorkingDir": "/home/jboss",
            "Labels": {"org.opencontainers.image.description":
                       "Java 17 runtime from the Debian packages " + ", ".join(PACKAGES) + " of the build machine"},
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "docker/images/debian-jre-base.py"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    layer_name = diff_id.split(":")[1] + "/layer.tar"
    manifest = [{"Config": config_name, "RepoTags": ["lianhu/debian-jre17:local"], "Layers": [layer_name]}]
    tmp = out + ".tmp"
    with tarfile.open(tmp, "w") as tar:
        add_bytes(tar, config_name, config_bytes)
        add_bytes(tar, layer_name, data)
        add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
    os.replace(tmp, out)
    print(f"debian-jre-base: {out} ({len(data) // (1024 * 1024)} MB layer, {diff_id[:19]}…)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
