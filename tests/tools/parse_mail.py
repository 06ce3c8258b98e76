#!/usr/bin/env python3
"""Reads one e-mail (RFC 5322) on stdin and prints what a mail client and a
calendar see in it, as JSON. The invite is parsed with the independent
`icalendar` package, not with the code under test."""

import email
import email.policy
import json
import sys

import icalendar


def calendar_summary(raw: bytes) -> dict:
    cal = icalendar.Calendar.from_ical(raw)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    out = {"method": str(cal.get("method", "")), "prodid": str(cal.get("prodid", "")), "events": []}
    for ev in events:
        attendees = ev.get("attendee", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        organizer = ev.get("organizer")
        out["events"].append({
            "uid": str(ev.get("uid", "")),
            "sequence": int(ev.get("sequence", 0)),
            "dtstart": ev.decoded("dtstart").isoformat(),
            "dtend": ev.decoded("dtend").isoformat(),
            "summary": str(ev.get("summary", "")),
            "description": str(ev.get("description", "")),
            "location": str(ev.get("location", "")),
            "status": str(ev.get("status", "")),
            "organizer": str(organizer) if organizer is not None else "",
            "organizer_cn": str(organizer.params.get("CN", "")) if organizer is not None else "",
            "attendees": [{"address": str(a), "cn": str(a.params.get("CN", ""))} for a in attendees],
        })
    return out


def parse(raw: bytes) -> dict:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    result = {
        "subject": str(msg["subject"]),
        "to": str(msg["to"]),
        "from": str(msg["from"]),
        "header_names": [k.lower() for k in msg.keys()],
        "content_language": str(msg["content-language"] or ""),
        "parts": [],
        "text": "",
        "html": "",
        "calendars": [],
        "attachments": [],
    }
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        entry = {"type": ctype, "method": part.get_param("method") or ""}
        result["parts"].append(entry)
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename:
            result["attachments"].append({"filename": filename, "type": ctype, "calendar": calendar_summary(payload)})
        elif ctype == "text/plain":
            result["text"] = payload.decode("utf-8")
        elif ctype == "text/html":
            result["html"] = payload.decode("utf-8")
        elif ctype == "text/calendar":
            summary = calendar_summary(payload)
            summary["content_type_method"] = entry["method"]
            result["calendars"].append(summary)
    return result


def main() -> None:
    """With file arguments: a JSON list, one entry per file. Without: stdin."""
    if len(sys.argv) > 1:
        out = []
        for path in sys.argv[1:]:
            with open(path, "rb") as f:
                entry = parse(f.read())
            entry["file"] = path
            out.append(entry)
        json.dump(out, sys.stdout)
    else:
        json.dump(parse(sys.stdin.buffer.read()), sys.stdout)


if __name__ == "__main__":
    main()
