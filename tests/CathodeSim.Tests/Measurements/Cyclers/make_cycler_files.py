"""Writes the synthesised cycler files of this folder (see README.md). Run from this folder: python3 make_cycler_files.py

One galvanostatic record, three cycles of a cathode half cell, in the layout of each cycler's export:
  rest 30 min; then per cycle k = 1, 2, 3: charge +0.1 mA for 10 h (1.0 mAh), rest 30 min,
  discharge -0.1 mA for (9.0, 8.5, 8.0) h (0.90, 0.85, 0.80 mAh), rest 30 min.
A point every 10 min, stamped at the end of its interval (the first point of a step 10 min after the step began).
Voltage: 3.70 V + 0.5 V/mAh * charge held, +0.05 V on charge, -0.05 V on discharge, at rest the open-circuit value.
"""
import datetime
import zipfile
from xml.sax.saxutils import escape

DT = 600.0            # s between points
I = 1e-4              # A
CHARGE_H = 10.0
DISCHARGE_H = [9.0, 8.5, 8.0]
REST_H = 0.5


def record():
    """Rows: (test time s, step time s, current A, voltage V, capacity of the step Ah, cycle, step, state)."""
    rows, t, q, step = [], 0.0, 0.0, 0

    def run(hours, current, cycle, state):
        nonlocal t, q, step
        step += 1
        n = int(round(hours * 3600 / DT))
        for k in range(1, n + 1):
            t += DT
            q += current * DT / 3600          # Ah held
            ocv = 3.70 + 0.5 * q * 1000       # V, q in mAh
            v = ocv + (0.05 if current > 0 else -0.05 if current < 0 else 0.0)
            rows.append((t, k * DT, current, round(v, 6), abs(current) * k * DT / 3600, cycle, step, state))

    run(REST_H, 0.0, 1, "R")
    for c, dh in enumerate(DISCHARGE_H, start=1):
        run(CHARGE_H, I, c, "C")
        run(REST_H, 0.0, c, "R")
        run(dh, -I, c, "D")
        run(REST_H, 0.0, c, "R")
    return rows


def clock(seconds, days_sep=None, fraction=False):
    s = int(round(seconds))
    d, rem = divmod(s, 86400)
    h, rem = divmod(rem, 3600)
    m, sec = divmod(rem, 60)
    frac = ".000" if fraction else ""
    if days_sep is None:
        return f"{d * 24 + h:02d}:{m:02d}:{sec:02d}{frac}"
    return f"{d}{days_sep}{h:02d}:{m:02d}:{sec:02d}{frac}"


START = datetime.datetime(2026, 3, 2, 9, 0, 0)
LAND_STATE = {"R": "R", "C": "C_CC", "D": "D_CC"}


def land_text(path, sep, days_sep, fraction):
    head = ["Record", "TestTime", "StepTime", "Current/mA", "Capacity/mAh", "SpeCap/mAh/g", "Voltage/V", "Energy/mWh",
            "SysTime", "Cycle", "Step", "State"]
    with open(path, "w", newline="") as f:
        f.write(sep.join(head) + "\r\n")
        for n, (t, ts, i, v, cap, cyc, stp, st) in enumerate(record(), start=1):
            f.write(sep.join([str(n), clock(t, days_sep, fraction), clock(ts, days_sep, fraction), f"{i * 1000:.4f}",
                              f"{cap * 1000:.6f}", f"{cap * 1000 / 0.0056:.3f}", f"{v:.4f}", f"{cap * 1000 * v:.6f}",
                              (START + datetime.timedelta(seconds=t)).strftime("%Y-%m-%d %H:%M:%S"),
                              str(cyc), str(stp), LAND_STATE[st]]) + "\r\n")


def arbin_csv(path):
    head = ["Data_Point", "Test_Time(s)", "Date_Time", "Step_Time(s)", "Step_Index", "Cycle_Index", "Current(A)", "Voltage(V)",
            "Charge_Capacity(Ah)", "Discharge_Capacity(Ah)", "Charge_Energy(Wh)", "Discharge_Energy(Wh)", "dV/dt(V/s)",
            "Internal_Resistance(Ohm)"]
    with open(path, "w", newline="") as f:
        f.write(",".join(head) + "\r\n")
        for n, row in enumerate(arbin_rows(), start=1):
            f.write(",".join(str(x) for x in row) + "\r\n")


def arbin_rows():
    qc = qd = 0.0
    last_cycle = 1
    out = []
    for n, (t, ts, i, v, cap, cyc, stp, st) in enumerate(record(), start=1):
        if cyc != last_cycle:
            qc = qd = 0.0   # Arbin's capacities restart with each cycle
            last_cycle = cyc
        if i > 0: qc += i * DT / 3600
        if i < 0: qd += -i * DT / 3600
        out.append([n, f"{t:.4f}", (START + datetime.timedelta(seconds=t)).strftime("%m/%d/%Y %H:%M:%S"), f"{ts:.4f}", stp, cyc,
                    f"{i:.6e}", f"{v:.6f}", f"{qc:.6e}", f"{qd:.6e}", f"{qc * v:.6e}", f"{qd * v:.6e}", "0", "0"])
    return out


def maccor_text(path):
    head = ["Rec#", "Cyc#", "Step", "TestTime", "StepTime", "Amp-hr", "Watt-hr", "Amps", "Volts", "State", "ES", "DPt Time"]
    with open(path, "w", newline="") as f:
        f.write("Today's Date\t03/10/2026\tDate of Test:\t03/02/2026\tFilename:\tC:\\Data\\NCM_halfcell.001\tProcedure:\tC10_3cyc.000\r\n")
        f.write("Comment/Barcode: synthesised NCM half cell, CathodeSim test\r\n")
        f.write("\t".join(head) + "\r\n")
        for n, (t, ts, i, v, cap, cyc, stp, st) in enumerate(record(), start=1):
            f.write("\t".join([str(n), str(cyc - 1), str(stp), clock(t, "d ", False) + ".00", clock(ts, "d ", False) + ".00",
                               f"{cap:.7f}", f"{cap * v:.7f}", f"{abs(i):.7f}", f"{v:.5f}", st, "0",
                               (START + datetime.timedelta(seconds=t)).strftime("%m/%d/%Y %I:%M:%S %p")]) + "\r\n")


# ------------------------------------------------------------------ xlsx, written by hand (the zip layout of Office Open XML)

def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(path, sheets):
    """sheets: list of (name, rows); a cell is a str, a number, or ('time', days) for a [h]:mm:ss duration."""
    strings, index = [], {}

    def sid(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    sheet_xml = []
    for name, rows in sheets:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, v in enumerate(row):
                ref = f"{col_name(c)}{r}"
                if isinstance(v, tuple):
                    cells.append(f'<c r="{ref}" s="1"><v>{v[1]!r}</v></c>')
                elif isinstance(v, str):
                    cells.append(f'<c r="{ref}" t="s"><v>{sid(v)}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
        out.append('</sheetData></worksheet>')
        sheet_xml.append("".join(out))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, text):
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 10, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        put("[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for k in range(len(sheets)))
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>')
        put("_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
        put("xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(f'<sheet name="{escape(n)}" sheetId="{k + 1}" r:id="rId{k + 1}"/>' for k, (n, _) in enumerate(sheets))
            + '</sheets></workbook>')
        put("xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k + 1}.xml"/>' for k in range(len(sheets)))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            + f'<Relationship Id="rId{len(sheets) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
        # Style 1: the custom number format [h]:mm:ss that LANDdt gives its time columns.
        put("xl/styles.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="[h]:mm:ss"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '</styleSheet>')
        put("xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + '</sst>')
        for k, text in enumerate(sheet_xml):
            put(f"xl/worksheets/sheet{k + 1}.xml", text)


def land_xlsx(path):
    rows = [["Record", "TestTime", "StepTime", "Current/mA", "Capacity/mAh", "SpeCap/mAh/g", "Voltage/V", "Energy/mWh", "SysTime",
             "Cycle", "Step", "State"]]
    cycles = {}
    for n, (t, ts, i, v, cap, cyc, stp, st) in enumerate(record(), start=1):
        rows.append([n, ("time", t / 86400), ("time", ts / 86400), round(i * 1000, 6), round(cap * 1000, 6), round(cap * 1000 / 0.0056, 3),
                     v, round(cap * 1000 * v, 6), (START + datetime.timedelta(seconds=t)).strftime("%Y-%m-%d %H:%M:%S"), cyc, stp, LAND_STATE[st]])
        c = cycles.setdefault(cyc, [0.0, 0.0])
        if st == "C": c[0] = cap * 1000
        if st == "D": c[1] = cap * 1000
    cycle_sheet = [["Cycle", "CapC/mAh", "CapD/mAh", "SpeCapC/mAh/g", "SpeCapD/mAh/g", "Efficiency/%"]]
    for cyc, (qc, qd) in sorted(cycles.items()):
        cycle_sheet.append([cyc, round(qc, 6), round(qd, 6), round(qc / 0.0056, 3), round(qd / 0.0056, 3), round(100 * qd / qc, 3)])
    step_sheet = [["Cycle", "Step", "Mode", "Period", "Capacity/mAh", "StartVolt/V", "EndVolt/V"]]
    xlsx(path, [("Cycle", cycle_sheet), ("Step", step_sheet), ("Record", rows)])


def arbin_xlsx(path):
    info = [["TEST REPORT"], ["Channel", "Start_DateTime", "Schedule_File_Name"], [6, "03/02/2026 09:00:00", "C10_3cyc.sdu"]]
    head = ["Data_Point", "Test_Time(s)", "Date_Time", "Step_Time(s)", "Step_Index", "Cycle_Index", "Current(A)", "Voltage(V)",
            "Charge_Capacity(Ah)", "Discharge_Capacity(Ah)", "Charge_Energy(Wh)", "Discharge_Energy(Wh)", "dV/dt(V/s)",
            "Internal_Resistance(Ohm)"]
    data = [[float(x) if k not in (2,) else x for k, x in enumerate(r)] for r in arbin_rows()]
    for r in data:
        r[0], r[4], r[5] = int(r[0]), int(r[4]), int(r[5])
    half = len(data) // 2
    stats = [["Channel", "Date_Time", "Test_Time(s)", "Step_Time(s)", "Step_Index", "Cycle_Index", "Voltage(V)", "Current(A)"]]
    # The record is split over two Channel sheets, as Arbin does past Excel's row limit.
    xlsx(path, [("Global_Info", info), ("Channel_1-006_1", [head] + data[:half]), ("Channel_1-006_2", [head] + data[half:]),
                ("Statistics_1-006", stats)])


if __name__ == "__main__":
    land_text("land_3cycles.txt", "\t", "-", False)
    land_text("land_3cycles.csv", ",", None, True)
    land_xlsx("land_3cycles.xlsx")
    arbin_csv("arbin_3cycles.csv")
    arbin_xlsx("arbin_3cycles.xlsx")
    maccor_text("maccor_3cycles.txt")
