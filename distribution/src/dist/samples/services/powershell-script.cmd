@echo off
rem A PowerShell script as a service, run by Windows PowerShell without a profile or prompts.
rem Change the lines marked EDIT, then run this file from an elevated prompt.
setlocal EnableExtensions DisableDelayedExpansion
rem EDIT: the service name, the script, and where its output goes.
set "SERVICE=MyScript"
set "SCRIPT=C:\Scripts\worker.ps1"
set "LOG=C:\Scripts\logs\worker.log"

for %%S in ("%SCRIPT%") do set "SCRIPT_DIR=%%~dpS."
call "%~dp0..\..\jsrvany.cmd" install "%SERVICE%" "%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" --dir "%SCRIPT_DIR%" --stdout "%LOG%" --stderr "%LOG%" --timestamps --rotate-online --rotate-bytes 10M --rotate-keep 5 -- -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "%SCRIPT%"
exit /b %ERRORLEVEL%
