@echo off
rem A batch file as a service. jsrvany runs it with cmd.exe /c, gives it an empty stdin (so it never
rem asks "Terminate batch job (Y/N)?"), sends it Ctrl+C to stop, and restarts it when it ends.
rem Change the lines marked EDIT, then run this file from an elevated prompt.
setlocal EnableExtensions DisableDelayedExpansion
rem EDIT: the service name, the batch file, and where its output goes.
set "SERVICE=MyBatchJob"
set "SCRIPT=C:\Jobs\job.cmd"
set "LOG=C:\Jobs\logs\job.log"

for %%S in ("%SCRIPT%") do set "SCRIPT_DIR=%%~dpS."
call "%~dp0..\..\jsrvany.cmd" install "%SERVICE%" "%SystemRoot%\System32\cmd.exe" --dir "%SCRIPT_DIR%" --stdout "%LOG%" --stderr "%LOG%" --timestamps --rotate-online --rotate-bytes 10M --rotate-keep 5 --throttle 5s -- /d /c "%SCRIPT%"
exit /b %ERRORLEVEL%
