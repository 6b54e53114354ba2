# What the bench scripts share. Source it: source "$here/lib.sh".

# need COMMAND...: installs with apt-get each command that is missing (each is also its Debian package's name).
need() {
    local missing=()
    for tool in "$@"; do
        command -v "$tool" > /dev/null || missing+=("$tool")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing ${missing[*]}..." >&2
    local sudo_cmd=""; if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${missing[@]}" > /dev/null
}
