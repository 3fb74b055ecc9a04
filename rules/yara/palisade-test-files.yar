// Palisade bundled rules: anti-virus test files. Written for Palisade.
// Every condition starts with a size bound or an anchored string so Palisade's pre-filter can
// skip files that cannot match without running YARA-X.

rule Palisade_EICAR_Test_File : test_file
{
    meta:
        description = "EICAR anti-virus test file (harmless by design)"
        severity = "low"
    strings:
        // The 68 standard characters; the file may only add trailing whitespace up to 128 bytes.
        $eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    condition:
        filesize <= 128 and $eicar at 0
}
