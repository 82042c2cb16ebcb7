@echo off
rem Installs the jsrvany demo as a service: a small Java program that serves a page on
rem http://127.0.0.1:PORT/ (its pid, its uptime, how often it was started) and writes a line every
rem 5 seconds to logs\demo.log beside this script.
rem
rem   install-demo.cmd [NAME [PORT]]        defaults: jsrvany-demo, 8765
rem
rem Run it from an elevated prompt, then:  jsrvany start jsrvany-demo
rem The wrapper's own log is %ProgramData%\jsrvany\logs\jsrvany-demo.log.
rem Remove the service with:               jsrvany remove jsrvany-demo
setlocal EnableExtensions DisableDelayedExpansion
set "DEMO_NAME=%~1"
if not defined DEMO_NAME set "DEMO_NAME=jsrvany-demo"
set "DEMO_PORT=%~2"
if not defined DEMO_PORT set "DEMO_PORT=8765"
for %%D in ("%~dp0.") do set "DEMO_DIR=%%~fD"
for %%D in ("%~dp0..\..") do set "DEMO_JSRVANY=%%~fD"
if not exist "%DEMO_DIR%\logs" mkdir "%DEMO_DIR%\logs"

rem The demo is a Java program: it runs on jsrvany's bundled runtime when there is one, else on
rem JAVA_HOME's, else on the java.exe the service finds on PATH.
set "DEMO_JAVA=%DEMO_JSRVANY%\runtime\bin\java.exe"
if not exist "%DEMO_JAVA%" if defined JAVA_HOME set "DEMO_JAVA=%JAVA_HOME%\bin\java.exe"
if not exist "%DEMO_JAVA%" set "DEMO_JAVA=java.exe"

call "%DEMO_JSRVANY%\jsrvany.cmd" install "%DEMO_NAME%" "%DEMO_JAVA%" --display-name "jsrvany demo" --description "The jsrvany demo: a page on http://127.0.0.1:%DEMO_PORT%/" --start manual --dir "%DEMO_DIR%" --stdout logs\demo.log --stderr logs\demo.log --timestamps --stop-console-timeout 3s -- -XX:-UsePerfData -jar jsrvany-fixture.jar --http %DEMO_PORT% --tick 5000 --state-file logs\starts.txt
exit /b %ERRORLEVEL%
