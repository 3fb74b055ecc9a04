// Palisade bundled rules: back doors and miners seen in Linux containers. Written for Palisade.

rule Palisade_Reverse_Shell_Script : backdoor linux
{
    meta:
        description = "Script opens an interactive shell over a network connection"
        severity = "high"
    strings:
        $bash_tcp = /\b(ba)?sh\s+-i\s*[>&]+\s*\/dev\/tcp\/[^\/\s]{1,100}\/\d{1,5}/
        $nc_exec = /\b(nc|ncat|netcat)(\.traditional)?\s+(-[a-z]+\s+)*-e\s+\/bin\/(ba)?sh\b/
        $py_pty = /socket\.socket\([^)]{0,60}\)[\s\S]{0,300}\.connect\(\s*\([\s\S]{0,300}(os\.dup2|subprocess\.call\(\s*\[\s*["']\/bin\/(ba)?sh)/
        $mkfifo = /mkfifo\s+\S+\s*;\s*(\/bin\/)?(ba)?sh\s+-i\s*<\s*\S+\s*2?>&1\s*\|\s*(nc|openssl)\b/
    condition:
        filesize < 1MB and any of them
}

rule Palisade_Crypto_Miner_Config : miner linux
{
    meta:
        description = "Cryptocurrency miner (XMRig or similar) binary or configuration"
        severity = "high"
    strings:
        $stratum = /stratum\+(tcp|ssl|tls):\/\/[A-Za-z0-9.-]{3,100}:\d{2,5}/
        $xmrig = "xmrig" nocase
        $donate = "donate-level" ascii
        $randomx = "randomx" nocase
        $cryptonight = "cryptonight" nocase
    condition:
        filesize < 20MB and $stratum and any of ($xmrig, $donate, $randomx, $cryptonight)
}
