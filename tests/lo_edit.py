"""Edit spreadsheets the way a ward does in LibreOffice Calc, for real: a Basic macro run
by headless `soffice` (its own fresh profile) unprotects the first sheet, inserts or
deletes rows and columns through the sheet's API (so LibreOffice moves defined names,
merges and validations as it would for a person), and saves as XLSX.

`edit_in_calc({path: ["rows 3 2", "delrows 8 1", "cols 4 1"]})` edits every file in ONE
soffice call; indices are 0-based as in the UNO API. `save_with_password` saves files
again encrypted (Word/Excel 97-2003 or OpenDocument), for the refusal tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

from chitieu.render.pdf import soffice_binary

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub EditAll(manifest As String)
  Dim f As Integer, line As String
  f = FreeFile
  Open manifest For Input As #f
  Do While Not EOF(f)
    Line Input #f, line
    If Len(line) &gt; 0 Then EditOne(line)
  Loop
  Close #f
End Sub

Sub ProtectAll(manifest As String)
  Dim f As Integer, line As String, parts
  f = FreeFile
  Open manifest For Input As #f
  Do While Not EOF(f)
    Line Input #f, line
    If Len(line) &gt; 0 Then
      parts = Split(line, "|")
      Dim args(0) As New com.sun.star.beans.PropertyValue
      args(0).Name = "Hidden"
      args(0).Value = True
      Dim doc As Object
      doc = StarDesktop.loadComponentFromURL(ConvertToURL(parts(0)), "_blank", 0, args())
      Dim out(1) As New com.sun.star.beans.PropertyValue
      out(0).Name = "FilterName"
      out(0).Value = parts(2)
      out(1).Name = "Password"
      out(1).Value = parts(3)
      doc.storeToURL(ConvertToURL(parts(1)), out())
      doc.close(True)
    End If
  Loop
  Close #f
End Sub

Sub EditOne(line As String)
  Dim parts, ops, op, i As Integer
  parts = Split(line, "|")
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  Dim url As String
  url = ConvertToURL(parts(0))
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL(url, "_blank", 0, args())
  Dim sheet As Object
  sheet = doc.Sheets.getByIndex(0)
  sheet.unprotect("")
  ops = Split(parts(1), ";")
  For i = LBound(ops) To UBound(ops)
    op = Split(ops(i), " ")
    Select Case op(0)
      Case "rows"
        sheet.Rows.insertByIndex(CLng(op(1)), CLng(op(2)))
      Case "delrows"
        sheet.Rows.removeByIndex(CLng(op(1)), CLng(op(2)))
      Case "cols"
        sheet.Columns.insertByIndex(CLng(op(1)), CLng(op(2)))
      Case "delcols"
        sheet.Columns.removeByIndex(CLng(op(1)), CLng(op(2)))
    End Select
  Next i
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(url, out())
  doc.close(True)
End Sub
</script:module>
"""

_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
"""

_DIALOGS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false"/>
"""

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""


def edit_in_calc(edits: dict[Path, list[str]], timeout: float = 300) -> None:
    """Apply the operations to each file in place, in one LibreOffice run."""
    lines = "".join(f"{p}|{';'.join(ops)}\n" for p, ops in edits.items())
    _run_macro("EditAll", lines, timeout)


def save_with_password(saves: list[tuple[Path, Path, str, str]], timeout: float = 300) -> None:
    """(source, destination, LibreOffice filter name, password): each file saved again
    with a password (encrypted), as a ward does in Word, Excel or LibreOffice."""
    # one LibreOffice run per file: closing a Writer document inside a headless macro and
    # loading the next one crashes LibreOffice 7.4
    for src, dst, flt, pw in saves:
        _run_macro("ProtectAll", f"{src}|{dst}|{flt}|{pw}\n", timeout)


def _run_macro(sub: str, manifest_text: str, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="chitieu-lo-edit-") as tmp:
        profile = Path(tmp) / "profile"
        base = [
            soffice_binary(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
        ]
        env = {**os.environ, "HOME": tmp, "SAL_USE_VCLPLUGIN": "svp"}
        # a first start creates the profile (and would overwrite a module written before)
        _soffice([*base, "--terminate_after_init"], env, timeout)
        basic = profile / "user" / "basic"
        (basic / "Standard").mkdir(parents=True, exist_ok=True)
        (basic / "Standard" / "Module1.xba").write_text(_MODULE, encoding="utf-8")
        (basic / "Standard" / "script.xlb").write_text(_LIBRARY, encoding="utf-8")
        (basic / "Standard" / "dialog.xlb").write_text(_DIALOGS, encoding="utf-8")
        (basic / "script.xlc").write_text(_CONTAINER, encoding="utf-8")
        (basic / "dialog.xlc").write_text(_CONTAINER.replace("script", "dialog"), encoding="utf-8")
        manifest = Path(tmp) / "edits.txt"
        manifest.write_text(manifest_text, encoding="utf-8")
        cmd = [*base, f'macro:///Standard.Module1.{sub}("{manifest}")']
        code, err = _soffice(cmd, env, timeout)
        assert code == 0, err


def _soffice(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run soffice in its own process group, so that a hang kills soffice.bin too."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return proc.returncode, err.decode("utf-8", "replace")
