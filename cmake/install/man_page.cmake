# Writes nullity.1 with help2man from the command's own help texts, verbatim: the overview
# (nullity --help) as SYNOPSIS (its usage lines) and DESCRIPTION, and each command's
# `nullity COMMAND --help` as a subsection of COMMANDS, the commands read off the overview.
# Also writes <OUT>.gz (gzip -9n: no name or time stamp, as Debian installs man pages).
# -DNULLITY=<program> -DHELP2MAN=<help2man> -DVERSION=<x.y.z> -DOUT=<nullity.1>

# Text as a roff no-fill block: '\' is roff's escape, a leading '.' or '\'' starts a request.
function(roff_verbatim OUT text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${OUT} ".nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${NULLITY} --help OUTPUT_VARIABLE overview COMMAND_ERROR_IS_FATAL ANY)
string(STRIP "${overview}" overview)
string(REGEX MATCHALL "\n  nullity [^\n]+" usage "${overview}")
string(REPLACE "\n  " "\n" usage "${usage}")
string(REPLACE ";" "" usage "${usage}")
string(STRIP "${usage}" usage)
roff_verbatim(synopsis "${usage}")
roff_verbatim(description "${overview}")
set(include "[SYNOPSIS]\n${synopsis}\n[=DESCRIPTION]\n${description}\n[COMMANDS]\n")
string(REGEX MATCHALL "\n  nullity [a-z]+" lines "${overview}")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "\n  nullity " "" command "${line}")
  execute_process(COMMAND ${NULLITY} ${command} --help OUTPUT_VARIABLE text COMMAND_ERROR_IS_FATAL ANY)
  string(STRIP "${text}" text)
  roff_verbatim(block "${text}")
  string(APPEND include ".SS ${command}\n${block}")
endforeach()
get_filename_component(dir "${OUT}" DIRECTORY)
file(WRITE "${dir}/nullity.h2m" "${include}")
execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --version-string=${VERSION}
                        "--name=numerical rank, null space and minimum-norm least squares you can check"
                        --include=${dir}/nullity.h2m --output=${OUT} ${NULLITY}
                COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND gzip -9nf -k ${OUT} COMMAND_ERROR_IS_FATAL ANY)
