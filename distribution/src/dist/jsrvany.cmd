@echo off
rem jsrvany: the administrator's command (docs\installer.md). Runs lib\jsrvany.jar with the first
rem Java 17 or later it finds, in this order, and says on stderr which one it used:
rem   1. runtime\ beside this script (a runtime bundled into the zip)
rem   2. JSRVANY_JAVA: a java.exe, or the folder of a Java runtime (when set, it must be usable)
rem   3. JAVA_HOME
rem   4. the registry entries of the common JDK vendors (Oracle, Eclipse Adoptium, Microsoft,
rem      Azul Zulu, BellSoft Liberica, IBM Semeru): the newest one
rem   5. java.exe on PATH
rem Its arguments reach the installer exactly as this script received them, and its exit code is
rem the installer's; 41 when no Java 17 or later was found (docs\distribution.md).
rem JNA loads its native library from lib\ and never unpacks a copy into a temporary folder.
setlocal EnableExtensions DisableDelayedExpansion
rem A value set with quotes around it (set JAVA_HOME="C:\...", a common slip) still names its folder.
if defined JSRVANY_JAVA set "JSRVANY_JAVA=%JSRVANY_JAVA:"=%"
if defined JAVA_HOME set "JAVA_HOME=%JAVA_HOME:"=%"
set "JSRVANY_LIB=%~dp0lib"
set "JSRVANY_RUNTIME=%~dp0runtime"
set "JSRVANY_USE="
set "JSRVANY_FROM="

if exist "%JSRVANY_RUNTIME%\bin\java.exe" (
    set "JSRVANY_USE=%JSRVANY_RUNTIME%\bin\java.exe"
    set "JSRVANY_FROM=the runtime bundled with jsrvany"
    goto run
)

if not defined JSRVANY_JAVA goto java_home
call :probe "%JSRVANY_JAVA%"
if not defined JSRVANY_PROBE_EXE (
    >&2 echo jsrvany: JSRVANY_JAVA is "%JSRVANY_JAVA%", which is neither a java.exe nor a folder with bin\java.exe: set it to the java.exe jsrvany should run, or clear it.
    exit /b 41
)
if defined JSRVANY_PROBE_OLD (
    >&2 echo jsrvany: JSRVANY_JAVA is "%JSRVANY_JAVA%", a Java %JSRVANY_PROBE_VERSION%: jsrvany needs Java 17 or later.
    exit /b 41
)
set "JSRVANY_USE=%JSRVANY_PROBE_EXE%"
set "JSRVANY_FROM=JSRVANY_JAVA"
goto run

:java_home
if not defined JAVA_HOME goto registry
call :probe "%JAVA_HOME%"
if not defined JSRVANY_PROBE_EXE (
    >&2 echo jsrvany: JAVA_HOME is "%JAVA_HOME%", which has no bin\java.exe; looking further.
    goto registry
)
if defined JSRVANY_PROBE_OLD (
    >&2 echo jsrvany: JAVA_HOME is "%JAVA_HOME%", a Java %JSRVANY_PROBE_VERSION%; looking further for Java 17 or later.
    goto registry
)
set "JSRVANY_USE=%JSRVANY_PROBE_EXE%"
set "JSRVANY_FROM=JAVA_HOME"
goto run

:registry
set "JSRVANY_BEST_MAJOR=0"
call :scan "HKLM\SOFTWARE\JavaSoft\JDK" JavaHome
call :scan "HKLM\SOFTWARE\Eclipse Adoptium" Path
call :scan "HKLM\SOFTWARE\Microsoft\JDK" Path
call :scan "HKLM\SOFTWARE\Azul Systems\Zulu" InstallationPath
call :scan "HKLM\SOFTWARE\BellSoft\Liberica" InstallationPath
call :scan "HKLM\SOFTWARE\Semeru" Path
if defined JSRVANY_USE goto run

rem PATH only, not the current folder: an elevated prompt must not run a java.exe planted there.
for %%J in (java.exe) do set "JSRVANY_ON_PATH=%%~$PATH:J"
if not defined JSRVANY_ON_PATH goto no_java
call :probe "%JSRVANY_ON_PATH%"
if not defined JSRVANY_PROBE_EXE goto no_java
if defined JSRVANY_PROBE_OLD (
    >&2 echo jsrvany: java.exe on PATH is "%JSRVANY_PROBE_EXE%", a Java %JSRVANY_PROBE_VERSION%: jsrvany needs Java 17 or later.
    goto no_java
)
set "JSRVANY_USE=%JSRVANY_PROBE_EXE%"
set "JSRVANY_FROM=PATH"
goto run

:no_java
>&2 echo jsrvany: no Java 17 or later was found (looked in runtime\, JSRVANY_JAVA, JAVA_HOME, the registry, PATH). Install a 64-bit Java 17 or later, for example Eclipse Temurin 17 from https://adoptium.net, or set JSRVANY_JAVA to its java.exe.
exit /b 41

:run
>&2 echo jsrvany: Java "%JSRVANY_USE%" (%JSRVANY_FROM%)
rem %* must stay on a line of its own outside any parenthesised block, with delayed expansion off.
"%JSRVANY_USE%" -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "-Djna.boot.library.path=%JSRVANY_LIB%;%JSRVANY_LIB%\win32-aarch64" -Djna.nosys=true -Djna.nounpack=true -jar "%JSRVANY_LIB%\jsrvany.jar" %*
exit /b %ERRORLEVEL%

rem ---------------------------------------------------------------------------------------------
:probe
rem %1: a java.exe, or a Java runtime folder. Sets JSRVANY_PROBE_EXE to its java.exe (empty when
rem there is none), JSRVANY_PROBE_VERSION and JSRVANY_PROBE_MAJOR from its release file (empty
rem when unknown), and JSRVANY_PROBE_OLD when it is known to be older than 17.
set "JSRVANY_PROBE_EXE=%~1"
set "JSRVANY_PROBE_VERSION="
set "JSRVANY_PROBE_MAJOR="
set "JSRVANY_PROBE_OLD="
if not defined JSRVANY_PROBE_EXE exit /b 0
if "%JSRVANY_PROBE_EXE:~-1%"=="\" set "JSRVANY_PROBE_EXE=%JSRVANY_PROBE_EXE:~0,-1%"
if /i not "%JSRVANY_PROBE_EXE:~-9%"=="\java.exe" if /i not "%JSRVANY_PROBE_EXE%"=="java.exe" set "JSRVANY_PROBE_EXE=%JSRVANY_PROBE_EXE%\bin\java.exe"
if not exist "%JSRVANY_PROBE_EXE%" (
    set "JSRVANY_PROBE_EXE="
    exit /b 0
)
for %%H in ("%JSRVANY_PROBE_EXE%\..\..") do set "JSRVANY_PROBE_HOME=%%~fH"
if exist "%JSRVANY_PROBE_HOME%\release" for /f "usebackq tokens=1,* delims==" %%A in ("%JSRVANY_PROBE_HOME%\release") do if "%%A"=="JAVA_VERSION" set "JSRVANY_PROBE_VERSION=%%~B"
if not defined JSRVANY_PROBE_VERSION exit /b 0
for /f "tokens=1 delims=.-+_" %%M in ("%JSRVANY_PROBE_VERSION%") do set "JSRVANY_PROBE_MAJOR=%%M"
rem A number from here on (a version such as "ea" counts as 0, that is: unknown and too old).
set /a "JSRVANY_PROBE_MAJOR=JSRVANY_PROBE_MAJOR+0" >nul 2>&1
if %JSRVANY_PROBE_MAJOR% LSS 17 set "JSRVANY_PROBE_OLD=1"
exit /b 0

:scan
rem %1: a registry key, %2: the value name holding a Java folder below it. Takes the newest Java 17+.
for /f "tokens=1,2,*" %%A in ('reg query "%~1" /s /v "%~2" /reg:64 2^>nul') do (
    if /i "%%A"=="%~2" if /i "%%B"=="REG_SZ" call :candidate "%%C" "%~1"
)
exit /b 0

:candidate
rem %1: a Java folder from the registry, %2: the key it was found under.
call :probe "%~1"
if not defined JSRVANY_PROBE_EXE exit /b 0
if defined JSRVANY_PROBE_OLD exit /b 0
if not defined JSRVANY_PROBE_MAJOR exit /b 0
if %JSRVANY_PROBE_MAJOR% LEQ %JSRVANY_BEST_MAJOR% exit /b 0
set "JSRVANY_BEST_MAJOR=%JSRVANY_PROBE_MAJOR%"
set "JSRVANY_USE=%JSRVANY_PROBE_EXE%"
set "JSRVANY_FROM=the registry, %~2"
exit /b 0
