// Palisade bundled rules: back-door and miner scripts seen in Linux containers. Written for
// Palisade. `palisade_filetype` lets Palisade skip these rules for binaries (yara-prefilter.ts).

rule Palisade_Reverse_Shell_Script : backdoor linux
{
    meta:
        palisade_filetype = "text"
        description = "Script opens an interactive shell over a network connection"
        severity = "high"
    strings:
        $bash_tcp = /sh\s+-i\s*[>&]+\s*\/dev\/tcp\/[^\/\s]{1,100}\/\d{1,5}/
        $nc_exec = /(nc|ncat|netcat)(\.traditional)?\s+(-[a-z]+\s+)*-e\s+\/bin\/(ba)?sh\b/
        $mkfifo = /mkfifo\s+\S+\s*;\s*(\/bin\/)?(ba)?sh\s+-i\s*<\s*\S+\s*2?>&1\s*\|\s*(nc|openssl)\b/
        // Python: connect a socket, then hand its descriptor to a shell.
        $py_socket = "socket.socket(" ascii
        $py_connect = ".connect((" ascii
        $py_shell = /(os\.dup2\(|pty\.spawn\(\s*["']\/bin\/(ba)?sh)/
    condition:
        filesize < 1MB and (any of ($bash_tcp, $nc_exec, $mkfifo) or all of ($py*))
}

rule Palisade_Crypto_Miner_Config : miner linux
{
    meta:
        palisade_filetype = "text"
        description = "Cryptocurrency miner (XMRig or similar) configuration or launch script"
        severity = "high"
    strings:
        $stratum = /stratum\+(tcp|ssl|tls):\/\/[A-Za-z0-9.-]{3,100}:\d{2,5}/
        $xmrig = "xmrig" nocase
        $donate = "donate-level" ascii
        $randomx = "randomx" nocase
        $cryptonight = "cryptonight" nocase
    condition:
        filesize < 1MB and $stratum and any of ($xmrig, $donate, $randomx, $cryptonight)
}
