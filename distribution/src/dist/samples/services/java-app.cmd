@echo off
rem A Java application (a runnable jar) as a service. jsrvany sends it Ctrl+C to stop, so its
rem shutdown hooks run; it gets 10 s for them before the next step of the stop ladder.
rem Change the lines marked EDIT, then run this file from an elevated prompt.
setlocal EnableExtensions DisableDelayedExpansion
rem EDIT: the service name, the jar, the java.exe it runs on (one whose path survives Java updates,
rem for example jsrvany's bundled runtime), and where its output goes.
set "SERVICE=MyJavaApp"
set "JAR=C:\Apps\myapp\myapp.jar"
set "JAVA=%~dp0..\..\runtime\bin\java.exe"
set "LOG=C:\Apps\myapp\logs\myapp.log"

for %%S in ("%JAR%") do set "APP_DIR=%%~dpS."
for %%S in ("%JAVA%") do set "JAVA=%%~fS"
call "%~dp0..\..\jsrvany.cmd" install "%SERVICE%" "%JAVA%" --dir "%APP_DIR%" --stdout "%LOG%" --stderr "%LOG%" --rotate-online --rotate-bytes 10M --rotate-keep 5 --stop-console-timeout 10s -- -Xmx512m -jar "%JAR%"
exit /b %ERRORLEVEL%
