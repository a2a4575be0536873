"""Docker's `json-file` log format, written byte for byte as the Docker daemon writes it, for
tests that have no Docker daemon.

Facts of the format (Docker's jsonfilelog driver):
- one JSON object per line, keys in this order: `log`, `stream`, `attrs` (only when labels,
  env or a tag are logged), `time`; no spaces;
- `log` is the container's output: `\\n`, `\\r`, `\\"` and `\\\\` escaped short; `<`, `>`, `&`
  and every other byte below 0x20 (tab included) as `\\u00XX`; U+2028 and U+2029 as
  `\\u2028`/`\\u2029`; each byte that is not part of valid UTF-8 as `\\ufffd`; other UTF-8 as is;
- a line longer than 16 KiB is written as several records of 16 KiB of output each, and only
  the last one's `log` ends with the `\\n`;
- `time` is RFC 3339 in UTC with nanoseconds, trailing zeros of the fraction dropped;
- rotation (max-size/max-file): `<id>-json.log` is renamed `<id>-json.log.1` (after `.1` became
  `.2`, and so on) and a new `<id>-json.log` is created.
"""

import datetime

PIECE = 16 * 1024
_HEX = "0123456789abcdef"


def _utf8_length(data, index):
    """The length of the valid UTF-8 sequence at `index`, 0 when there is none (Go's rules:
    no overlongs, no surrogates, nothing above U+10FFFF)."""
    first = data[index]
    if first < 0xC2 or first > 0xF4:
        return 0
    length = 2 if first < 0xE0 else 3 if first < 0xF0 else 4
    if index + length > len(data):
        return 0
    try:
        data[index : index + length].decode("utf-8", "strict")
    except UnicodeDecodeError:
        return 0
    return length


def escape(data):
    """`data` (bytes) as Docker writes a JSON string, quotes included; and the bytes a JSON
    reader gets back (invalid UTF-8 replaced by U+FFFD, one per byte)."""
    out = ['"']
    back = bytearray()
    index = 0
    while index < len(data):
        byte = data[index]
        if byte < 0x80:
            char = chr(byte)
            if char in '\\"':
                out.append("\\" + char)
            elif char == "\n":
                out.append("\\n")
            elif char == "\r":
                out.append("\\r")
            elif byte < 0x20 or char in "<>&":
                out.append("\\u00" + _HEX[byte >> 4] + _HEX[byte & 0xF])
            else:
                out.append(char)
            back.append(byte)
            index += 1
            continue
        length = _utf8_length(data, index)
        if length == 0:
            out.append("\\ufffd")
            back += "\ufffd".encode()
            index += 1
            continue
        sequence = data[index : index + length]
        text = sequence.decode("utf-8")
        if text in ("\u2028", "\u2029"):
            out.append("\\u%04x" % ord(text))
        else:
            out.append(text)
        back += sequence
        index += length
    out.append('"')
    return "".join(out).encode("utf-8"), bytes(back)


def stamp(seconds, nanoseconds):
    """Go's RFC3339Nano in UTC: fraction without trailing zeros, none when zero."""
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if nanoseconds:
        text += "." + f"{nanoseconds:09d}".rstrip("0")
    return text + "Z"


def records(line, stream="stdout", time="2026-12-06T10:00:01.5Z", attrs=None):
    """The records (bytes, each ending in LF) for one line of output (bytes, no newline), and
    the line a reader gets back from them."""
    out = bytearray()
    back = bytearray()
    start = 0
    while True:
        end = min(len(line), start + PIECE)
        piece = line[start:end]
        last = end == len(line)
        if last:
            piece += b"\n"
        escaped, decoded = escape(piece)
        out += b'{"log":' + escaped + b',"stream":"' + stream.encode() + b'"'
        if attrs is not None:
            out += b',"attrs":' + attrs
        out += b',"time":"' + time.encode() + b'"}\n'
        back += decoded
        start = end
        if last:
            break
    return bytes(out), bytes(back[:-1])
