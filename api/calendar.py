"""The calendar feed as iCalendar (RFC 5545), written by the icalendar package."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Alarm, Calendar, Event

from domain.interactions.agenda import AgendaItem

PRODUCT = "-//Open CRM//Calendar feed//EN"


def render(items: list[AgendaItem], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for item in items:
        event = Event()
        if item.interaction is not None:
            i = item.interaction
            event.add("uid", f"interaction-{i.id}@crm")
            event.add("summary", i.subject or f"{i.channel.value.replace('_', ' ').title()}")
            event.add("dtstart", item.at)
            event.add("dtend", item.at + timedelta(minutes=i.duration_minutes or 30))
            if i.body:
                event.add("description", i.body)
            event.add("categories", [i.channel.value])
            event.add("dtstamp", i.updated_at)
        elif item.task is not None:
            t = item.task
            event.add("uid", f"task-{t.id}@crm")
            event.add("summary", f"Task: {t.title}")
            event.add("dtstart", item.at)
            event.add("dtend", item.at + timedelta(minutes=15))
            if t.description:
                event.add("description", t.description)
            event.add("priority", {"urgent": 1, "high": 3, "normal": 5, "low": 9}[t.priority.value])
            event.add("dtstamp", t.updated_at)
            if t.remind_at is not None:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", t.title)
                alarm.add("trigger", t.remind_at - item.at)
                event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
