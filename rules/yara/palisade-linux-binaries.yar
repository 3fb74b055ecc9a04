// Palisade bundled rules: Linux executables. Written for Palisade. `palisade_filetype = "elf"`
// lets Palisade run these rules on ELF files only (yara-prefilter.ts).

rule Palisade_XMRig_Miner_Binary : miner linux
{
    meta:
        palisade_filetype = "elf"
        description = "XMRig cryptocurrency miner executable (stock or renamed)"
        severity = "high"
    strings:
        $name = "xmrig" nocase
        $opt_donate = "donate-level" ascii
        $opt_pool = "stratum+tcp://" ascii
        $algo_rx = "rx/0" ascii
        $algo_cn = "cryptonight" ascii
        $msg = "huge pages" ascii
    condition:
        uint32(0) == 0x464c457f and filesize < 30MB and $name and 2 of ($opt*, $algo*, $msg)
}
