"""Writes the synthesised Neware files of this folder (see README.md). Run from this folder: python3 make_neware_files.py

The same protocol as make_cycler_files.py (its record() is reused), written byte by byte in the binary layouts that the
open-source reader NewareNDA (github.com/d-cogswell/NewareNDA, BSD-3-Clause) decodes; no Neware software was used and
no file written by Neware was available to compare with:

  neware_3cycles_v29.nda    .nda version 29: 'NEWARE' magic, version byte at offset 14, header (zeros before the first
                            record), then 86-byte records starting 0x55 0x00 (NewareNDA/NewareNDA.py, _read_nda_29 and
                            _bytes_to_list; current range multipliers from NewareNDA/dicts.py)
  neware_3cycles_v130.nda   .nda version 130 (BTS 9.0): 88-byte records from offset 1024, each starting with the same
                            6 bytes as the first; fields as NewareNDA's _bytes_to_list_BTS9 reads them (floats, mA, mAs,
                            microseconds); then the footer NewareNDA looks for (active mass, remarks)
  neware_3cycles_ndc2.ndax  zip with VersionInfo.xml, Step.xml, TestInfo.xml and data.ndc version 2, file type 1:
                            94-byte records from offset 517 (NewareNDA/NewareNDAx.py, _read_ndc_2_filetype_1, _bytes_to_list_ndc)
  neware_3cycles_ndc5.ndax  the same with data.ndc version 5, file type 1: 4096-byte pages after a 4096-byte header,
                            45 slots of 87 bytes from byte 125 of each page, a record where byte 7 is 0x55
                            (_read_ndc_5_filetype_1)
  neware_3cycles.csv        Neware BTSDA's record export as CSV: DataPoint, Cycle Index, Step Index, Step Type, Time,
                            Total Time (hh:mm:ss), Current(mA), Voltage(V), Capacity(mAh), Chg. Cap.(mAh), DChg. Cap.(mAh),
                            Energy(Wh), Date, Power(W) (headers as PyProBE's Neware reader and published test files use them)
  neware_3cycles.xlsx       the same record on the sheet "record" of a workbook with sheets test, cycle, step, record
                            (PyProBE reads sheet "record"); times as hh:mm:ss text as in the CSV
"""
import datetime
import struct
import zipfile

from make_cycler_files import record, xlsx

START = datetime.datetime(2026, 3, 2, 9, 0, 0)
STATUS = {"R": 4, "C": 1, "D": 2}                # NewareNDA dicts.state_dict: 1 CC_Chg, 2 CC_DChg, 4 Rest
STEP_TYPE = {"R": "Rest", "C": "CC Chg", "D": "CC DChg"}
RANGE = 10                                       # dicts.multiplier_dict[10] = 1e-3: raw integers are uA, uAs, uWs
MULT = 1e-3


def neware_rows():
    """(index, cycle, step, status, step time s, test time s, current mA, voltage V, chg cap mAh, dchg cap mAh,
    chg energy mWh, dchg energy mWh, date)."""
    out, energy, last_step = [], 0.0, None
    for n, (t, st, i, v, cap, cycle, step, state) in enumerate(record(), start=1):
        if step != last_step:
            energy, last_step = 0.0, step
        i_ma = i * 1000
        energy += abs(i_ma) * v * 600 / 3600      # mWh of the step, rectangle rule
        cap_mah = cap * 1000
        out.append((n, cycle, step, STATUS[state], st, t, i_ma, v,
                    cap_mah if i > 0 else 0.0, cap_mah if i < 0 else 0.0,
                    energy if i > 0 else 0.0, energy if i < 0 else 0.0,
                    START + datetime.timedelta(seconds=t), state))
    return out


def nda_v29(path):
    header = bytearray(2560)
    header[0:6] = b"NEWARE"
    header[14] = 29
    header[16:24] = b"20260302"
    header[112:121] = b"BTSServer"
    header[162:180] = b"BTSClient(7.6.0.5)"   # nothing reads these; they mark the file as a synthesised one
    struct.pack_into("<I", header, 152, 12345)   # active mass, ug
    header[2317:2317 + 40] = b"synthesised by make_neware_files.py".ljust(40, b"\0")
    body = bytearray()
    for r in neware_rows():
        (n, cycle, step, status, st, t, i, v, qc, qd, ec, ed, date, _) = r
        rec = bytearray(86)
        rec[0:2] = b"\x55\x00"
        struct.pack_into("<IIHBBQii", rec, 2, n, cycle - 1, step, status, 0, round(st * 1000), round(v * 1e4), round(i / MULT))
        struct.pack_into("<qqqq", rec, 38, round(qc * 3600 / MULT), round(qd * 3600 / MULT), round(ec * 3600 / MULT),
                         round(ed * 3600 / MULT))
        struct.pack_into("<HBBBBB", rec, 70, date.year, date.month, date.day, date.hour, date.minute, date.second)
        struct.pack_into("<i", rec, 78, RANGE)
        body += rec
        if n % 100 == 0:
            # An auxiliary (temperature) record, 0x65, as NewareNDA skips or joins them: channel 1, 25.0 degC.
            aux = bytearray(86)
            aux[0] = 0x65
            struct.pack_into("<BI", aux, 1, 1, n)
            struct.pack_into("<h", aux, 34, 250)
            body += aux
    with open(path, "wb") as f:
        f.write(bytes(header) + bytes(body))


def nda_v130(path):
    header = bytearray(1024)
    header[0:6] = b"NEWARE"
    header[14] = 130
    header[112:121] = b"BTSServer"
    body = bytearray()
    for r in neware_rows():
        (n, cycle, step, status, st, t, i, v, qc, qd, ec, ed, date, _) = r
        rec = bytearray(88)
        rec[4:6] = b"\x55\x00"                   # the 6 bytes every record starts with: 00 00 00 00 55 00
        b = 4                                    # NewareNDA reads the fields from byte 4 on
        struct.pack_into("<BB", rec, b + 5, step, status)
        struct.pack_into("<I", rec, b + 12, n)
        struct.pack_into("<Qff", rec, b + 24, round(st * 1e6), v, i)
        struct.pack_into("<ffff", rec, b + 48, qc * 3600, ec * 3600, qd * 3600, ed * 3600)
        stamp = (date - datetime.datetime(1970, 1, 1)).total_seconds()
        struct.pack_into("<Q", rec, b + 64, round(stamp * 1e6))
        body += rec
    footer = bytearray(b"\x06\x00\xf0\x1d\x81\x00\x03\x00\x61\x90\x71\x90\x02\x7f\xff\x00") + bytearray(499)
    footer[16 + 363:16 + 363 + 35] = b"synthesised by make_neware_files.py"
    struct.pack_into("<d", footer, len(footer) - 8, 12.345)
    with open(path, "wb") as f:
        f.write(bytes(header) + bytes(body) + bytes(footer))


def ndc_record(r, size, marker_at):
    (n, cycle, step, status, st, t, i, v, qc, qd, ec, ed, date, _) = r
    rec = bytearray(size)
    rec[marker_at] = 0x55
    if marker_at == 0:
        rec[1:8] = b"\x00\x01\x00\x01\x00\x00\x00"   # constant: with 0x55, the 8-byte identifier NewareNDA searches for
    struct.pack_into("<IIBB", rec, 8, n, cycle - 1, step, status)
    struct.pack_into("<Qii", rec, 23, round(st * 1000), round(v * 1e4), round(i / MULT))
    struct.pack_into("<qqqq", rec, 43, round(qc * 3600 / MULT), round(qd * 3600 / MULT), round(ec * 3600 / MULT),
                     round(ed * 3600 / MULT))
    struct.pack_into("<HBBBBB", rec, 75, date.year, date.month, date.day, date.hour, date.minute, date.second)
    struct.pack_into("<i", rec, 82, RANGE)
    return rec


def ndc_v2():
    head = bytearray(517)
    head[0], head[2] = 1, 2                    # file type 1 (records), version 2
    head[8:16] = b"NEWARE\0\0"
    return bytes(head) + b"".join(bytes(ndc_record(r, 94, 0)) for r in neware_rows())


def ndc_v5():
    head = bytearray(4096)
    head[0], head[2] = 1, 5
    head[8:16] = b"NEWARE\0\0"
    rows = neware_rows()
    pages = bytearray()
    for p in range(0, len(rows), 45):
        page = bytearray(4096)
        for k, r in enumerate(rows[p:p + 45]):
            page[125 + 87 * k:125 + 87 * (k + 1)] = ndc_record(r, 87, 7)
        pages += page
    return bytes(head) + bytes(pages)


def ndax(path, data):
    version = ('<?xml version="1.0" encoding="GB2312"?>\n<root><config><ZwjVersion SvrVer="synthesised" '
               'CurrClientVer="synthesised" ZwjVersion="0" MainXwjVer="0"/></config></root>\n')
    step = ('<?xml version="1.0" encoding="GB2312"?>\n<root><config><Head_Info><SCQ Value="12345"/></Head_Info>'
            '</config></root>\n')
    test = '<?xml version="1.0" encoding="GB2312"?>\n<root><config><TestInfo/></config></root>\n'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("VersionInfo.xml", version), ("Step.xml", step), ("TestInfo.xml", test)):
            info = zipfile.ZipInfo(name, (2026, 3, 2, 9, 0, 0))
            z.writestr(info, text.encode("ascii"), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("data.ndc", (2026, 3, 2, 9, 0, 0))
        z.writestr(info, data, zipfile.ZIP_DEFLATED)


def clock(seconds):
    s = int(round(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


EXPORT_HEAD = ["DataPoint", "Cycle Index", "Step Index", "Step Type", "Time", "Total Time", "Current(mA)", "Voltage(V)",
               "Capacity(mAh)", "Chg. Cap.(mAh)", "DChg. Cap.(mAh)", "Energy(Wh)", "Date", "Power(W)"]


def export_rows():
    for (n, cycle, step, status, st, t, i, v, qc, qd, ec, ed, date, state) in neware_rows():
        yield [str(n), str(cycle), str(step), STEP_TYPE[state], clock(st), clock(t), f"{i:.4f}", f"{v:.4f}",
               f"{qc + qd:.4f}", f"{qc:.4f}", f"{qd:.4f}", f"{(ec + ed) / 1000:.7f}",
               date.strftime("%Y-%m-%d %H:%M:%S"), f"{i * v / 1e6:.8f}"]


def export_csv(path):
    lines = [",".join(EXPORT_HEAD)] + [",".join(r) for r in export_rows()]
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def export_xlsx(path):
    text = {3, 4, 5, 12}                         # Step Type, Time, Total Time, Date stay text; the rest are numbers
    rows = [[x if k in text else (int(x) if k < 3 else float(x)) for k, x in enumerate(r)] for r in export_rows()]
    test = [["Test information"], ["Start time", "2026-03-02 09:00:00"], ["Remarks", "synthesised by make_neware_files.py"]]
    cycle = [["Cycle Index", "Chg. Cap.(mAh)", "DChg. Cap.(mAh)"], [1, 1.0, 0.9], [2, 1.0, 0.85], [3, 1.0, 0.8]]
    step = [["Cycle Index", "Step Index", "Step Number", "Step Type", "Step Time", "Capacity(mAh)"]]
    xlsx(path, [("test", test), ("cycle", cycle), ("step", step), ("record", [EXPORT_HEAD] + rows)])


if __name__ == "__main__":
    nda_v29("neware_3cycles_v29.nda")
    nda_v130("neware_3cycles_v130.nda")
    ndax("neware_3cycles_ndc2.ndax", ndc_v2())
    ndax("neware_3cycles_ndc5.ndax", ndc_v5())
    export_csv("neware_3cycles.csv")
    export_xlsx("neware_3cycles.xlsx")
