# HabitFlow — English. Every key here must also be in ru.ftl (a test checks).

## Navigation and layout

nav-skip = Skip to content
nav-main = Main
nav-today = Today
nav-tasks = Tasks
nav-habits = Habits
nav-themes = Themes
nav-stats = Statistics
nav-account-menu = Account menu:
nav-settings = Settings
nav-password = Password
nav-sessions = Sessions
nav-sign-out = Sign out
nav-sign-in = Sign in
nav-register = Create an account
nav-language = Language:
nav-theme-toggle = Switch light or dark theme
sidebar-all-themes = All themes
footer-tagline = HabitFlow — habits and tasks, on your own server.
js-action-failed = That did not work; please reload the page.
title-welcome = Welcome
title-new-theme = New theme
title-edit-theme = Edit theme
title-new-task = New task
title-edit-task = Edit task
title-new-habit = New habit
title-edit-habit = Edit habit
title-reset-password = Set a new password

## Dates

date-medium = { $day } { $month } { $year }
date-long = { $weekday }, { $day } { $month } { $year }
date-month-year = { $month } { $year }
date-day-month = { $day } { $month }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# The month in a date ("27 November"); Russian needs the genitive here.
month-of-1 = January
month-of-2 = February
month-of-3 = March
month-of-4 = April
month-of-5 = May
month-of-6 = June
month-of-7 = July
month-of-8 = August
month-of-9 = September
month-of-10 = October
month-of-11 = November
month-of-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
weekday-short-mon = Mon
weekday-short-tue = Tue
weekday-short-wed = Wed
weekday-short-thu = Thu
weekday-short-fri = Fri
weekday-short-sat = Sat
weekday-short-sun = Sun

## Landing and sign-in

landing-title = Build the habits you want, one day at a time
landing-text = HabitFlow tracks your habits and tasks on your own server: daily habits, weekly ones, monthly and yearly dates, or cycles of days on and off — with streaks that survive short months, leap years and time zones.
auth-other-ways = Other ways to sign in
auth-other-ways-up = Other ways to sign up
auth-or = or
auth-sign-in-with = Sign in with { $provider }
auth-continue-with = Continue with { $provider }
auth-new-here = New here?
auth-have-account = Already have an account?
auth-password-hint = At least 8 characters, and not a common password.
auth-create-account = Create account

## Home

greeting-morning = Good morning
greeting-afternoon = Good afternoon
greeting-evening = Good evening
home-in-numbers = Today in numbers
home-habits-due = habits due
home-done-today = done today
home-success-today = today's success
home-active-habits = active habits
home-active-tasks = active tasks
home-habits-today = Habits today
home-nothing-due = Nothing due today.
home-no-tasks = No open tasks.
home-add-task = Add one
home-all-tasks = All tasks →

## Lists, filters, paging

filter-show = Show
filter-today = Today
filter-active = Active
filter-done-today = Done today
filter-archived = Archived
filter-completed = Completed
filter-all = All
filter-schedule = Schedule
filter-sort = Sort by
filter-order = Order
filter-apply = Apply
sort-created = Created
sort-updated = Updated
sort-name = Name
sort-streak = Streak
order-asc = Ascending
order-desc = Descending
pager-pages = Pages
pager-previous = ← Previous
pager-next = Next →
pager-page = Page { $page } of { $pages }
action-edit = Edit
action-delete = Delete
action-archive = Archive
action-unarchive = Unarchive

## Habits

habits-start = Start a habit
habits-empty = No habits here.
habits-show-all = Show all habits
habits-count = { $count ->
    [one] { $count } habit
   *[other] { $count } habits
}
habit-done-today = Done today: { $name }
habit-undo-today = Undo today: { $name }
habit-skipped-today = Skipped today
habit-skip-today = Skip today: { $name }
habit-undo-skip-today = Undo the skip today: { $name }
streak-unit = { $unit ->
    [days] { $count ->
        [one] day
       *[other] days
    }
    [weeks] { $count ->
        [one] week
       *[other] weeks
    }
    [months] { $count ->
        [one] month
       *[other] months
    }
    [periods] { $count ->
        [one] period
       *[other] periods
    }
   *[occurrences] { $count ->
        [one] time
       *[other] times
    }
}
streak-length = { $count } { $word }
habit-streak-length = streak { $length }
habit-streak-best-length = Current streak (best { $length })
period-progress = { $done } of { $times } { $period ->
    [week] this week
    [month] this month
   *[days] this period
}
period-progress-sum = { $sum } of { $target } { $unit } { $period ->
    [week] this week
    [month] this month
   *[days] this period
}
habit-strength-value = strength { $value }
habit-archived = archived
habit-delete-confirm = Delete “{ $name }” and all its check-ins?
habit-current-streak = current streak
habit-current-period = period progress
habit-best-streak = best streak
habit-strength = strength
habit-last-30-days = last 30 days
habit-next-due = next due
habit-next-today = today
habit-value-today = Today’s value for { $name }
habit-pauses = Pauses
habit-no-pauses = No pauses.
habit-paused = paused
action-pause = Pause
action-remove = Remove
settings-vacations = Vacations
settings-vacations-hint = A vacation pauses every habit: misses are excused, successes still count.
settings-no-vacations = No vacations.
action-add-vacation = Add vacation
calendar-value-label = Value for { $date }
habit-progress = progress
habit-last-year = The last year
calendar-previous-month = Previous month
calendar-next-month = Next month
calendar-undo = undo
calendar-done = done
calendar-skip = skip
calendar-undo-label = Undo { $date }
calendar-done-label = Done on { $date }
calendar-skip-label = Skip { $date }
checkin-done = done
checkin-skipped = skipped
checkin-missing = no check-in
checkin-not-scheduled = not scheduled
schedule-type-daily = Every day
schedule-type-weekly_days = On weekdays
schedule-type-monthly_day = On a day of the month
schedule-type-monthly_weekday = On a weekday of the month
schedule-type-yearly_date = On a date of the year
schedule-type-interval_cycle = In cycles (days on, days off)
schedule-type-times_per_period = A number of times per period
schedule-daily = Every day
schedule-weekly = { $every ->
    [1] { $days }
   *[other] { $days }, every { $every } weeks
}
schedule-monthly = Day { $day } of each month
schedule-monthly-every = Day { $day } of { $every ->
    [2] every 2nd month
    [3] every 3rd month
   *[other] every { $every }th month
}
schedule-monthly-weekday = The { $week ->
    [1] first
    [2] second
    [3] third
    [4] fourth
   *[other] last
} { $weekday ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
} of { $every ->
    [1] every month
    [2] every 2nd month
    [3] every 3rd month
   *[other] every { $every }th month
}
schedule-yearly = Every year on { $date }
schedule-interval = { $active } on, { $rest } off
schedule-times-per-period = { $times ->
    [0] { $period ->
        [week] Each week
        [month] Each month
       *[days] Every { $days } days
    }
   *[other] { $times ->
        [1] Once
        [2] Twice
       *[other] { $times } times
    } { $period ->
        [week] a week
        [month] a month
       *[days] every { $days } days
    }
}

## Forms

form-preview = Preview
action-preview = Preview
preview-next-dates = Next dates
preview-next-periods = Next periods
preview-period = { $from } – { $to }
preview-none = No dates ahead: the habit ends before them.
preview-incomplete = Complete the schedule to see its next dates.
field-schedule_config-every_months = Every … months
form-month-step = Which months
form-optional = (optional)
form-save = Save
form-no-theme = No theme
form-repeats = Repeats
form-weekday-of-month = Weekday of the month
field-schedule_config-week = Which one
week-of-month = { $week ->
    [1] First
    [2] Second
    [3] Third
    [4] Fourth
   *[other] Last
}
field-schedule_config-weekday = Weekday
form-times-per-period = Times per period
field-schedule_config-times = Times (for done-or-not habits)
field-schedule_config-period = Period
field-schedule_config-period_days = Days in a period (with “a number of days”)
period-choice = { $period ->
    [week] Week
    [month] Month
   *[days] A number of days
}
form-habit-kind = What you record
kind-boolean = Done or not
kind-measurable = A number
field-unit = Unit
field-target = Target
field-target_type = Target type
target-type-at_least = At least
target-type-at_most = At most
form-weekdays = Weekdays
form-day-of-month = Day of the month
form-monthly-day = Day (1–31; in shorter months the last day)
form-date-of-year = Date of the year
form-yearly-day = Day (Feb 29 falls on Feb 28 in common years)
form-cycle = Cycle
form-default-today = (default: today)
form-color-hint = (leave empty to pick one for me)
field-name = Name
field-description = Description
field-color = Colour
field-theme_id = Theme
field-theme = Theme
field-priority = Priority
field-due_on = Due date
field-email = Email
field-password = Password
field-display_name = Name
field-time_zone = Time zone
field-day_start_hour = My day starts at
field-language = Language
field-schedule_type = Repeats
field-schedule_config = Schedule
field-schedule_config-days = Weekdays
field-schedule_config-every_weeks = Every … weeks
field-schedule_config-day = Day
field-schedule_config-month = Month
field-schedule_config-active_days = Days on
field-schedule_config-break_days = Days off
field-starts_on = Starts on
field-ends_on = Ends on
field-date = Date
field-kind = Check-in
field-note = Note
field-current_password = Current password
field-new_password = New password
field-status = Show
field-sort = Sort by
field-order = Order
field-page = Page
field-per_page = Per page
field-range = Period
field-from = From
field-to = To
field-body = Request

## Tasks and themes

tasks-empty = Nothing here.
tasks-add = Add a task
tasks-count = { $count ->
    [one] { $count } task
   *[other] { $count } tasks
}
task-complete = Complete { $name }
task-reopen = Reopen { $name }
task-due = due { $date }
task-delete-confirm = Delete the task “{ $name }”?
priority-low = Low
priority-medium = Medium
priority-high = High
themes-empty = No themes yet. Themes group your tasks and habits — “Health”, “Work”, “Home”.
themes-count = { $count ->
    [one] { $count } theme
   *[other] { $count } themes
}
theme-delete-confirm = Delete the theme “{ $name }”? Its tasks and habits stay, without a theme.

## Statistics

stats-period = Period
range-7d = 7 days
range-30d = 30 days
range-90d = 90 days
range-1y = 1 year
range-all = All time
stats-active-of = active of { $total }
stats-completion-in-period = completion in period
stats-checkins = Check-ins
stats-as-table = As a table
stats-from = From
stats-to = To
stats-done = Done
stats-skipped = Skipped
stats-rate-per-habit = Completion rate per habit
stats-best-streaks = Best current streaks
stats-no-streak = No streak running yet.
stats-habits-by-theme = Habits by theme
stats-by-schedule = By schedule
stats-completed = completed
stats-created-in-period = created in period
stats-completed-in-period = completed in period
stats-average-time = average time to done
stats-hours = { $value } h
stats-by-priority = By priority
stats-by-theme = By theme
chart-checkins-title = Check-ins over the period
chart-checkins-bar = { $done } done, { $skipped } skipped
chart-heatmap-title = Check-ins from { $from } to { $to }
chart-values-title = Values of { $name }
chart-values-bar-average = average { $value } { $unit } over { $count } logged
chart-values-bar-sum = { $value } { $unit } in total, { $count } logged
chart-values-target = Target: { $target } { $unit }
stats-values-rule-average = Target per check-in: { $target_type } { $target } { $unit }. Each bar shows the average of the values logged; the dashed line is the target.
stats-values-rule-sum = Target per period: { $target_type } { $target } { $unit }. Each bar shows a period's total; the dashed line is the target.
stats-values-sum = Total
stats-values-logged = Logged
stats-values-average = Average
insight-today-title = Today
insight-today-text = { $count } of { $total } habits still to do today
insight-best-streak-title = Best streak
insight-best-streak-text = { $name }: { $count } in a row
insight-busiest-theme-title = Busiest theme
insight-busiest-theme-text = { $name }: { $count } open tasks
insight-most-improved-title = Most improved
insight-most-improved-text = { $name }: +{ $points } points on the previous period
insight-vacation-title = Vacation
insight-vacation-text = { $count ->
    [one] { $count } day
   *[other] { $count } days
} of this period on vacation: left out of streaks and rates

## Settings

settings-profile = Profile
settings-signed-in-as = Signed in as
settings-day-start-hint = Check-ins before this hour count for the previous day.
settings-sign-in-methods = Sign-in methods
settings-password-label = Password:
settings-password-set = set
settings-password-not-set = not set
settings-unlink-confirm = Unlink this sign-in method?
settings-unlink = Unlink
settings-link-question = { $provider } wants to sign you in as { $email }. Link it to this account?
settings-link = Link { $provider }
settings-no-password = You sign in with an identity provider; set a password to sign in with your email too.
settings-password-hint = Changing your password signs out every other session.
settings-change-password = Change password
reset-password-intro = Choose a new password for your account. Every device signed in to it will be signed out.
reset-password-submit = Set password
sessions-title = Where you are signed in
sessions-device = Device
sessions-ip = IP address
sessions-signed-in = Signed in
sessions-last-seen = Last seen
sessions-action = Action
sessions-this-device = this device
sessions-sign-out-everywhere = Sign out everywhere

## Messages after an action

flash-theme-created = Theme “{ $name }” created.
flash-theme-saved = Theme saved.
flash-theme-deleted = Theme deleted; its tasks and habits are kept without a theme.
flash-task-created = Task “{ $name }” added.
flash-task-saved = Task saved.
flash-task-deleted = Task deleted.
flash-habit-created = Habit “{ $name }” created.
flash-habit-saved = Habit saved.
flash-habit-deleted = Habit deleted.
flash-pause-added = Habit paused.
flash-pause-deleted = Pause removed.
flash-vacation-added = Vacation added.
flash-vacation-deleted = Vacation removed.
flash-settings-saved = Your settings were saved.
flash-password-changed = Your password was changed; your other sessions were signed out.
flash-password-reset = Your password was set. Sign in with it.
flash-session-revoked = The session was signed out.
flash-identity-linked = { $provider } is linked; you can sign in with it from now on.
flash-identity-unlinked = The identity was unlinked.
flash-stats-range-unknown = That period is not available; showing the last 7 days.

## Errors

status-error = Error
status-400 = Bad Request
status-401 = Unauthorized
status-403 = Forbidden
status-404 = Not Found
status-405 = Method Not Allowed
status-409 = Conflict
status-413 = Payload Too Large
status-415 = Unsupported Media Type
status-422 = Unprocessable Entity
status-429 = Too Many Requests
status-500 = Internal Server Error
status-502 = Bad Gateway
status-503 = Service Unavailable
error-back = Back to today
error-request = The request could not be handled
error-validation = Please correct the highlighted fields
error-unauthorized = Please sign in to continue
error-payload-too-large = The request body is larger than 1 MiB
error-method-not-allowed = This method is not allowed here
error-unsupported-media-type = Send JSON or a form
error-unsupported-content-type = Unsupported content type
error-invalid-credentials = The email or password is incorrect
error-rate-limited = Too many attempts; please wait and try again
error-unavailable = The service is temporarily unavailable; please try again shortly
error-internal = Something went wrong on our side
error-bad-request = The request could not be understood
error-not-found = Not found
error-page-not-found = Page not found
error-file-not-found = File not found
error-habit-not-found = Habit not found
error-task-not-found = Task not found
error-theme-not-found = Theme not found
error-session-not-found = Session not found
error-identity-not-found = Identity not found
error-pause-not-found = Pause not found
error-vacation-not-found = Vacation not found
error-csrf = This request was refused to protect your account (missing or expired security token). Reload the page and try again.
error-json-syntax = The body is not valid JSON
error-body-unreadable = The body could not be read
error-form-unreadable = The form could not be read
error-unknown-field = is not a known field
error-required = is required
error-invalid-value = has an invalid value ({ $detail })
error-choice = must be one of: { $choices }
error-between = must be a whole number from { $min } to { $max }
error-whole-number = must be a whole number
error-range = must be between { $min } and { $max }
error-json-object = must be a JSON object
error-schedule-filter = must be all or a schedule type
error-day-of-month = must be at most { $max } for month { $month }
error-weekday-list = must be a list of weekdays (mon … sun)
error-weekday-codes = must contain only mon, tue, wed, thu, fri, sat, sun
error-weekday-none = must name at least one weekday
error-unknown-setting = is not a setting of { $type } schedules
error-week-of-month = must be 1, 2, 3, 4 or -1 (the last)
error-weekday-code = must be one of mon, tue, wed, thu, fri, sat, sun
error-amount-number = must be a number from 0 to 1000000 with at most 3 decimals
error-amount-decimals = may have at most 3 decimals
error-target-positive = must be above 0 for an "at least" target
error-value-not-for-boolean = is only for measurable habits
error-value-not-for-skip = a skip carries no value
error-pause-order = must be on or after { $from }
error-pause-length = a pause lasts at most { $max } days
error-times-measurable = is not used by measurable habits: their periods add up the values
error-period-days-only = is only used with the period "days"
error-name-empty = Enter a name
error-too-long = Use at most { $max } characters
error-too-short = Use at least { $min } characters
error-hidden-characters = Remove invisible or control characters
error-color = Use a colour like #3366FF
error-email-empty = Enter your email address
error-email-too-long = An email address has at most { $max } characters
error-email-invalid = Enter a valid email address, like name@example.com
error-password-common = This password is too common; choose another
error-time-zone = Choose a time zone from the list, like Europe/Berlin
error-day-start-hour = Choose an hour from 0 to 5
error-language = Choose en or ru
error-date = Use a date like 2026-03-31
error-checkin-kind = Choose done or skipped
error-priority = Choose low, medium or high
error-theme-choice = Choose one of your themes
error-theme-name-taken = You already have a theme with this name
error-quota-habits = You have { $limit } habits, the most one account can have. Delete some to add more.
error-quota-tasks = You have { $limit } tasks, the most one account can have. Delete some to add more.
error-quota-themes = You have { $limit } themes, the most one account can have. Delete some to add more.
error-quota-pauses = This habit has { $limit } pauses, the most one habit can have. Delete some or join them into longer ones to add more.
error-ends-before-start = The end date must not be before the start date
error-email-taken = An account with this email already exists
error-email-taken-sign-in = An account with this email already exists; sign in instead
error-account-disabled = This account has been disabled
error-reset-link-invalid = This link is invalid, used or expired. Ask your administrator for a new one.
error-current-password = The current password is not correct
refusal-archived = This habit is archived
refusal-future = { $date } is in the future
refusal-before-start = { $date } is before the habit starts on { $starts_on }
refusal-after-end = { $date } is after the habit ended
refusal-not-scheduled = The habit is not scheduled on { $date }
refusal-skip-pause-instead = This habit counts what you do in each period, so days cannot be skipped; pause the habit instead

## Signing in with an identity provider

oidc-no-provider = No such sign-in provider
oidc-unreachable = The sign-in provider is not reachable right now
oidc-cancelled = Sign-in was cancelled at the provider. You can try again or sign in with your password.
oidc-failed = The provider could not sign you in. Please try again.
oidc-expired = This sign-in link has expired or was already used. Please start again.
oidc-no-answer = The sign-in provider did not answer. Please try again later.
oidc-no-id-token = The provider sent no ID token
oidc-keys-unavailable = The provider's keys could not be fetched
oidc-keys-malformed = The provider's keys are malformed
oidc-unverified = The provider's answer could not be verified, so you were not signed in.
oidc-email-unverified = { $provider } did not confirm your email address, so HabitFlow cannot create an account with it.
oidc-identity-taken = This identity is already linked to an account
oidc-unlink-last = Set a password or link another provider first, so you can still sign in.
oidc-link-required = An account with { $email } already exists. Sign in with its password, then confirm linking { $provider } in Settings.
oidc-nothing-to-link = There is no identity waiting to be linked
oidc-link-not-yours = This identity was waiting for another account, or for more than 10 minutes. Sign in with the identity provider again to link it.

# API tokens (docs/security.md, API tokens)
nav-tokens = API tokens
tokens-title = Personal access tokens
tokens-intro = A token lets a script, a phone shortcut or another app use your account through the JSON API, with the header "Authorization: Bearer <token>". A read token can only read.
tokens-lifetime = A token works until it expires, you revoke it here or you delete your account. Changing your password does not end it: revoke the tokens you no longer trust.
tokens-new-secret = Your new token
tokens-shown-once = Copy it now: it is shown only this once.
tokens-copy = Copy
tokens-copied = Copied
tokens-create = Create token
tokens-list-title = Your tokens
tokens-none = You have no tokens yet.
tokens-scope-read = Read only
tokens-scope-write = Read and write
tokens-expiry-30 = 30 days
tokens-expiry-90 = 90 days
tokens-expiry-365 = 1 year
tokens-expiry-never = Never
tokens-created = Created
tokens-last-used = Last used
tokens-expires = Expires
tokens-never-used = Never
tokens-expired = expired
tokens-revoke = Revoke
field-token_name = Name
field-token_scope = Access
field-token_expiry = Expires after
flash-token-revoked = The token was revoked.
error-token-not-found = Token not found
error-token-scope = Choose read or write
error-token-lifetime = A token lasts from 1 to 365 days, or has no end
error-token-read-only = This token may only read
error-token-not-allowed = API tokens cannot do this; sign in with a browser
error-invalid-token = The API token is wrong, expired or revoked
error-quota-tokens = You have { $limit } tokens, the most one account can have. Revoke some to add more.

# Calendar feed (docs/product.md#calendar-feed)
feed-title = Calendar feed
feed-intro = Subscribe to this address in your calendar app to see your tasks' due dates and your habits' days, 30 days back and 60 ahead. Anyone with the address can read it: make a new one to cut off the old.
feed-url = Your calendar address
feed-shown-once = Copy it now: it is shown only this once. Making a new one turns this one off.
feed-rotate = Make a new calendar address
feed-off = Turn the calendar feed off
flash-feed-off = The calendar feed is off.
error-feed-not-found = Calendar feed not found

# API reference (docs/product.md#openapi)
api-docs-title = API reference
api-docs-intro = Every page of HabitFlow is also a JSON API: send "Accept: application/json" and sign in with an API token (Authorization: Bearer) or the session cookie with its CSRF token. This page lists every operation and schema of the OpenAPI document.
api-docs-operations = Operations
api-docs-security = Sign-in
api-docs-parameters = Parameters
api-docs-body = Request body
api-docs-responses = Responses
api-docs-schemas = Schemas

# Found by the schema-driven fuzzer
error-not-an-id = must be an id (a UUID)
error-json-body-object = The JSON body must be an object of named fields
## Your data: export, import, delete

error-export-format = Unknown export format: choose habitflow or loop
nav-data = Your data
flash-imported = Imported { $habits } habits with { $checkins } check-ins
data-export-title = Export
data-export-intro = Download everything you keep here: themes, tasks, habits with every check-in, pauses and vacations.
data-export-json = Download as HabitFlow JSON
data-export-loop = Download for Loop Habit Tracker (CSV zip)
data-import-title = Import
data-import-intro = Bring in a HabitFlow export, a Loop Habit Tracker full backup (.db) or a Loop CSV export (.zip). You will see what it holds before anything is written; an import only adds, it never changes or deletes what you have.
data-import-file = File (at most 20 MiB)
data-import-hint = The kind of file is recognised by its content, whatever its name.
data-import-check = Check the file
data-import-refused = Nothing was imported. The file was refused:
data-plan-title = What the import will add
data-plan-source-habitflow = A HabitFlow export
data-plan-source-loop_db = A Loop Habit Tracker full backup
data-plan-source-loop_csv = A Loop Habit Tracker CSV export
data-plan-themes = Themes
data-plan-tasks = Tasks
data-plan-habits = Habits
data-plan-checkins = Check-ins
data-plan-pauses = Pauses
data-plan-skipped = Left out
data-plan-confirm = Import
data-plan-send-again = Choose the same file again to import it
data-plan-cancel = Cancel
error-import-unknown-file = The file is not a HabitFlow export, a Loop Habit Tracker backup or a Loop CSV export
error-import-json = The file is not valid JSON (line { $line }, column { $column })
error-import-version = This export is of version { $version }; this HabitFlow reads versions up to { $newest }
error-import-date-range = Dates must lie between { $from } and { $to }
error-import-too-many = Too many { $what } in one file: at most { $max }
error-import-duplicate-date = Two check-ins on { $date }
error-import-choose-file = Choose a file to import
error-import-upload-expired = The file waited too long for confirmation; choose it again
import-skip-vacation-overlaps = it overlaps or touches one of your vacations
error-import-db-unreadable = The backup is not a readable SQLite database (truncated or damaged?)
error-import-db-code = The backup holds views or triggers, which Loop Habit Tracker never writes; it is not read
error-import-db-missing = The backup has no { $what }: it is not a Loop Habit Tracker backup
error-import-too-slow = Reading the file took too long
error-import-loop-newer = This Loop Habit Tracker backup is of database version { $version }; HabitFlow reads versions up to { $newest }
error-import-loop-older = This Loop Habit Tracker backup is of database version { $version }; HabitFlow reads versions from { $oldest }
error-import-loop-timestamp = The habit { $habit } has an entry at an impossible time ({ $timestamp })
error-import-zip-unreadable = The zip file cannot be read (truncated or damaged?)
error-import-zip-entries = The zip file has more than { $max } entries
error-import-zip-path = This entry's path leads outside the archive (“..” or an absolute path)
error-import-zip-ratio = This entry unpacks to more than { $max } times its packed size
error-import-zip-size = The zip file unpacks to more than { $max } MiB
error-import-csv-unreadable = This CSV line cannot be read
error-import-csv-line = This CSV line is longer than { $max } bytes
error-import-csv-empty = The file is empty
error-import-csv-number = Not a number
import-skip-period-skips = skips of a habit counted per period are left out (pause the habit instead)
import-skip-note-without-checkin = a note on a day that was not checked has no check-in to go on
nav-delete-account = Delete account
delete-title = Delete your account
delete-what = Deleting your account removes, at once and for good: your profile, themes, tasks, habits with all their check-ins, pauses and vacations, linked sign-in providers, password-reset links, and every session (you are signed out everywhere). Nothing is kept.
delete-export-first = You can download your data first:
delete-password = Your current password
delete-email = Your account has no password: type your email address to confirm
delete-confirm = Delete my account and all my data
error-delete-email = Type your account's email address exactly
flash-account-deleted = Your account and all its data were deleted
# Reminders and the installable app (#20)
nav-reminders = Reminders
reminders-title = Reminder channels
reminders-intro = At a habit's reminder times, on a day it is due and not yet checked in, a reminder goes to each channel below.
field-ntfy_url = ntfy topic URL
reminders-ntfy-hint = For example https://ntfy.sh/your-secret-topic. Leave empty for none.
field-reminder-email = E-mail me my reminders
reminders-email-unavailable = E-mail reminders are not available: this server has no mail server configured.
reminders-save = Save channels
reminders-push-title = Notifications in this browser
reminders-push-intro = Push notifications need https (or localhost). The browser asks for permission when you turn them on.
reminders-push-count = Browsers subscribed:
reminders-push-on = Notifications are on in this browser.
reminders-push-off = Notifications are off in this browser.
reminders-push-unsupported = This browser cannot receive push notifications here.
reminders-push-denied = Notifications are blocked for this site in your browser's settings.
reminders-push-enable = Turn on notifications
reminders-push-disable = Turn off notifications
reminders-test-title = Send a test
reminders-test-send = Send a test to every channel
reminders-test-message = This is a test reminder from HabitFlow.
flash-reminders-saved = Reminder channels saved
flash-reminders-test-sent = Test sent to every channel
flash-reminders-test-nothing = No channel is set up yet
flash-reminders-test-failed = The test did not reach every channel
error-reminder-time = Use HH:MM, from 00:00 to 23:59
error-reminder-times-too-many = At most { $max } reminder times
error-reminder-ntfy-url = Give an http or https URL of at most 2,000 characters
error-reminder-email-unavailable = This server has no mail server configured
error-reminder-push-endpoint = Not a push service URL
error-reminder-push-key = Not a valid push subscription key
field-reminder_times = Reminder times
reminders-times-hint = Up to 5 times, HH:MM, in your time zone. Leave empty for none.
offline-title = You are offline
offline-text = HabitFlow cannot reach its server right now. Check your connection and try again.

# #18 phone-first interface
nav-account = Account
toast-done = Done:
toast-skipped = Skipped:
toast-undone = Undone:
toast-undo = Undo
starter-intro = Start with one of these — one tap adds it, and you can change anything afterwards:
starter-drink-water = Drink water
starter-glasses = glasses
starter-read = Read 10 pages
starter-walk = Walk
starter-edit-later = Drink water counts glasses (at least 8 a day); Walk is 3 times a week.
starter-import = Import from Loop Habit Tracker or a HabitFlow export
strength-what = What is strength?
strength-explained = A moving average of how regularly you keep the habit, from 0 to 100 %, like Loop Habit Tracker's. Each due day that has passed moves it 1/19 of the way towards 100 % when done and towards 0 % when missed (a value short of its target earns part of the step), so it gets half-way in 13 due days; skipped days, and paused days without a check-in, leave it as it is. One missed day lowers it a little; keeping at it raises it steadily.
heatmap-month = Month
palette-auto = Pick one for me
palette-custom = Custom
palette-hex = Hex code (#RRGGBB)
palette-indigo = Indigo
palette-sky = Sky blue
palette-emerald = Emerald
palette-amber = Amber
palette-red = Red
palette-violet = Violet
palette-pink = Pink
palette-teal = Teal
palette-lime = Lime
palette-orange = Orange
palette-periwinkle = Periwinkle
palette-slate = Slate
habit-values-30 = Values in the last 30 days
