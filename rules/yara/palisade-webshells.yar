// Palisade bundled rules: web shells, i.e. server-side scripts that run what a request sends.
// Written for Palisade. Each rule pairs a code-execution primitive with request input in the
// same statement, which ordinary applications rarely do; sizes are bounded because web shells
// are small and large minified bundles are where look-alikes live.

rule Palisade_Webshell_PHP_Eval_Request : webshell php
{
    meta:
        palisade_filetype = "text"
        description = "PHP evaluates code taken straight from the request (eval/assert/create_function)"
        severity = "critical"
    strings:
        $eval = /\b(eval|assert|create_function)\s*\(\s*(@\s*)?(stripslashes\s*\(\s*|base64_decode\s*\(\s*|gzinflate\s*\(\s*|str_rot13\s*\(\s*)*\$_(POST|GET|REQUEST|COOKIE|SERVER)\s*\[/ nocase
        $eval_var = /\$_(POST|GET|REQUEST|COOKIE)\s*\[[^\]]{1,40}\]\s*\)\s*;?\s*\?>/ nocase
        $php = "<?" ascii
    condition:
        filesize < 512KB and $php and ($eval or ($eval_var and #php < 4))
}

rule Palisade_Webshell_PHP_Command_Request : webshell php
{
    meta:
        palisade_filetype = "text"
        description = "PHP runs an operating-system command taken from the request"
        severity = "critical"
    strings:
        $cmd = /\b(system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)\s*\(\s*(@\s*)?(base64_decode\s*\(\s*)?\$_(POST|GET|REQUEST|COOKIE|SERVER)\s*\[/ nocase
        $backtick = /`\s*\$_(POST|GET|REQUEST)\s*\[[^\]]{1,40}\]\s*`/ nocase
        $php = "<?" ascii
    condition:
        filesize < 512KB and $php and ($cmd or $backtick)
}

rule Palisade_Webshell_PHP_Obfuscated_Eval : webshell php
{
    meta:
        palisade_filetype = "text"
        description = "PHP evaluates decoded, decompressed data (packed web shell loader)"
        severity = "high"
    strings:
        $chain = /\beval\s*\(\s*(gzinflate|gzuncompress|gzdecode|str_rot13|strrev)\s*\(\s*(base64_decode|str_rot13|gzinflate)\s*\(/ nocase
        $preg_e = /preg_replace\s*\(\s*['"]\/.{1,100}\/[a-z]*e[a-z]*['"]\s*,\s*\$_(POST|GET|REQUEST)/ nocase
        $php = "<?" ascii
    condition:
        filesize < 1MB and $php and any of ($chain, $preg_e)
}

rule Palisade_Webshell_ASP_Eval_Request : webshell asp
{
    meta:
        palisade_filetype = "text"
        description = "Classic ASP / ASP.NET evaluates or executes request input (China Chopper style)"
        severity = "critical"
    strings:
        $asp_eval = /<%@?\s*(Page\s+Language\s*=\s*"?Jscript"?\s*%>\s*<%)?\s*(eval|execute|executeglobal)\s*\(?\s*request(\.item)?\s*[\(\[]/ nocase
        $aspx_eval = /eval\s*\(\s*Request(\.Item)?\s*\[\s*"[^"]{1,40}"\s*\]\s*,\s*"unsafe"\s*\)/ nocase
    condition:
        filesize < 256KB and any of them
}

rule Palisade_Webshell_ASPX_Process_Request : webshell aspx
{
    meta:
        palisade_filetype = "text"
        description = "ASP.NET page starts a process with arguments from the request"
        severity = "critical"
    strings:
        $process = /(Process\.Start|ProcessStartInfo)\s*\([^;]{0,200}Request(\.Form|\.QueryString|\.Params|\.Item)?\s*[\[\(]/ nocase
        $cmd_args = /\.Arguments\s*=\s*[^;]{0,60}Request(\.Form|\.QueryString|\.Params|\.Item)?\s*[\[\(]/ nocase
        $cmd_exe = "cmd.exe" nocase
        $page = "<%@" ascii
    condition:
        filesize < 512KB and $page and ($process or ($cmd_args and $cmd_exe))
}

rule Palisade_Webshell_JSP_Exec_Request : webshell jsp
{
    meta:
        palisade_filetype = "text"
        description = "JSP runs a command taken from the request"
        severity = "critical"
    strings:
        $exec = /Runtime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(\s*(new\s+String\s*\[\]\s*\{[^}]{0,80})?request\s*\.\s*getParameter\s*\(/ nocase
        $pb = /new\s+ProcessBuilder\s*\([^;]{0,120}request\s*\.\s*getParameter\s*\(/ nocase
        $jsp = "<%" ascii
    condition:
        filesize < 512KB and $jsp and any of ($exec, $pb)
}
