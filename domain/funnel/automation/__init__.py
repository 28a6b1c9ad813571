"""Automation rules: when something happens to a record (an interaction is completed, a
deal enters a stage or idles in it, a request or a contact is created) and the record
meets the rule's conditions, the rule's actions run: move the deal, create a task for
the record's owner, hand the record to a team member in turn, set the contact's
lifecycle stage, add a tag.

How rules act, decided once here:
- Event triggers run in the transaction of the write that caused them, as a handler
  of the event its use case raised (domain/handlers.py); the idle trigger runs from
  the scheduled job (`run_scheduled`, `crm run-scheduled`), once per rule, deal and
  stage entry.
- Actions go through the same use cases as manual changes (`move_deal`, `create_task`,
  `update_contact`, ...), so the same rules hold. A move to a lost stage needs a lost
  reason; a rule moving to one must carry it (`lost_reason` of the action), or it is
  refused when the rule is saved.
- A rule acts with the business's authority, not with the triggering user's: someone
  holding `automation:manage` set it up, and a Salesperson's new lead may well go to a
  colleague by it. What it changes is attributed to that user *via the rule*: audit
  events and stage changes carry the rule's id. The idle trigger has no triggering
  user; it acts in the name of the rule's author.
- Rules run in the order they were created; each sees the record as the triggering write
  left it, and its actions read the record afresh.
- Each rule's actions run in a savepoint: a rule that cannot act (its team was deleted
  since, the contact is archived) leaves nothing half done and does not fail the user's
  write. Every run is recorded (`RuleRun`): done, failed with the reason, or skipped.
- A change made by a rule may trigger rules again, at most MAX_DEPTH rules deep: two
  rules moving a deal back and forth stop there, with a skipped run saying why.
"""
