# HabitFlow — русский. Ключи совпадают с en.ftl (это проверяет тест).

## Навигация и каркас страницы

nav-skip = Перейти к содержимому
nav-main = Главное меню
nav-today = Сегодня
nav-tasks = Задачи
nav-habits = Привычки
nav-themes = Темы
nav-stats = Статистика
nav-account-menu = Меню учётной записи:
nav-settings = Настройки
nav-password = Пароль
nav-sessions = Сеансы
nav-sign-out = Выйти
nav-sign-in = Войти
nav-register = Зарегистрироваться
nav-language = Язык:
nav-theme-toggle = Переключить светлую или тёмную тему
sidebar-all-themes = Все темы
footer-tagline = HabitFlow — привычки и задачи на вашем собственном сервере.
js-action-failed = Не получилось; пожалуйста, обновите страницу.
title-welcome = Добро пожаловать
title-new-theme = Новая тема
title-edit-theme = Изменить тему
title-new-task = Новая задача
title-edit-task = Изменить задачу
title-new-habit = Новая привычка
title-edit-habit = Изменить привычку
title-reset-password = Новый пароль

## Даты

date-medium = { $day } { $month } { $year } г.
date-long = { $weekday }, { $day } { $month } { $year } г.
date-month-year = { $month } { $year }
date-day-month = { $day } { $month }
month-1 = Январь
month-2 = Февраль
month-3 = Март
month-4 = Апрель
month-5 = Май
month-6 = Июнь
month-7 = Июль
month-8 = Август
month-9 = Сентябрь
month-10 = Октябрь
month-11 = Ноябрь
month-12 = Декабрь
# Месяц в дате («27 ноября») — родительный падеж.
month-of-1 = января
month-of-2 = февраля
month-of-3 = марта
month-of-4 = апреля
month-of-5 = мая
month-of-6 = июня
month-of-7 = июля
month-of-8 = августа
month-of-9 = сентября
month-of-10 = октября
month-of-11 = ноября
month-of-12 = декабря
month-short-1 = янв.
month-short-2 = февр.
month-short-3 = мар.
month-short-4 = апр.
month-short-5 = мая
month-short-6 = июн.
month-short-7 = июл.
month-short-8 = авг.
month-short-9 = сент.
month-short-10 = окт.
month-short-11 = нояб.
month-short-12 = дек.
weekday-mon = понедельник
weekday-tue = вторник
weekday-wed = среда
weekday-thu = четверг
weekday-fri = пятница
weekday-sat = суббота
weekday-sun = воскресенье
weekday-short-mon = Пн
weekday-short-tue = Вт
weekday-short-wed = Ср
weekday-short-thu = Чт
weekday-short-fri = Пт
weekday-short-sat = Сб
weekday-short-sun = Вс

## Главная для гостей и вход

landing-title = Формируйте нужные привычки — день за днём
landing-text = HabitFlow ведёт ваши привычки и задачи на вашем собственном сервере: ежедневные и еженедельные привычки, даты месяца и года, циклы из дней работы и отдыха — а серии не обрываются из-за коротких месяцев, високосных лет и часовых поясов.
auth-other-ways = Другие способы входа
auth-other-ways-up = Другие способы регистрации
auth-or = или
auth-sign-in-with = Войти через { $provider }
auth-continue-with = Продолжить через { $provider }
auth-new-here = Впервые здесь?
auth-have-account = Уже есть учётная запись?
auth-password-hint = Не менее 8 символов и не из списка распространённых паролей.
auth-create-account = Создать учётную запись

## Сегодня

greeting-morning = Доброе утро
greeting-afternoon = Добрый день
greeting-evening = Добрый вечер
home-in-numbers = Сегодня в цифрах
home-habits-due = привычек к выполнению
home-done-today = выполнено сегодня
home-success-today = успех сегодня
home-active-habits = активные привычки
home-active-tasks = активные задачи
home-habits-today = Привычки на сегодня
home-nothing-due = На сегодня ничего нет.
home-no-tasks = Открытых задач нет.
home-add-task = Добавить
home-all-tasks = Все задачи →

## Списки, фильтры, страницы

filter-show = Показать
filter-today = На сегодня
filter-active = Активные
filter-done-today = Выполнено сегодня
filter-archived = В архиве
filter-completed = Выполненные
filter-all = Все
filter-schedule = Расписание
filter-sort = Сортировка
filter-order = Порядок
filter-apply = Применить
sort-created = По созданию
sort-updated = По изменению
sort-name = По названию
sort-streak = По серии
order-asc = По возрастанию
order-desc = По убыванию
pager-pages = Страницы
pager-previous = ← Назад
pager-next = Вперёд →
pager-page = Страница { $page } из { $pages }
action-edit = Изменить
action-delete = Удалить
action-archive = В архив
action-unarchive = Из архива

## Привычки

habits-start = Начать привычку
habits-empty = Здесь нет привычек.
habits-show-all = Показать все привычки
habits-count = { $count ->
    [one] { $count } привычка
    [few] { $count } привычки
   *[many] { $count } привычек
}
habit-done-today = Выполнено сегодня: { $name }
habit-undo-today = Отменить сегодня: { $name }
habit-skipped-today = Пропущено сегодня
habit-skip-today = Пропуск сегодня: { $name }
habit-undo-skip-today = Отменить пропуск сегодня: { $name }
streak-unit = { $unit ->
    [days] { $count ->
        [one] день
        [few] дня
       *[many] дней
    }
    [weeks] { $count ->
        [one] неделя
        [few] недели
       *[many] недель
    }
    [months] { $count ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }
    [periods] { $count ->
        [one] период
        [few] периода
       *[many] периодов
    }
   *[occurrences] { $count ->
        [one] раз
        [few] раза
       *[many] раз
    }
}
streak-length = { $count } { $word }
habit-streak-length = серия { $length }
habit-streak-best-length = Текущая серия (лучшая { $length })
period-progress = { $done } из { $times } { $period ->
    [week] на этой неделе
    [month] в этом месяце
   *[days] в этом периоде
}
period-progress-sum = { $sum } из { $target } { $unit } { $period ->
    [week] на этой неделе
    [month] в этом месяце
   *[days] в этом периоде
}
habit-strength-value = сила { $value }
habit-archived = в архиве
habit-delete-confirm = Удалить «{ $name }» со всеми отметками?
habit-current-streak = текущая серия
habit-current-period = прогресс за период
habit-best-streak = лучшая серия
habit-strength = сила
habit-last-30-days = за 30 дней
habit-next-due = следующий раз
habit-next-today = сегодня
habit-value-today = Значение за сегодня: { $name }
habit-pauses = Паузы
habit-no-pauses = Пауз нет.
habit-paused = на паузе
action-pause = Поставить на паузу
action-remove = Убрать
settings-vacations = Отпуска
settings-vacations-hint = Отпуск ставит на паузу все привычки: пропуски прощаются, успехи засчитываются.
settings-no-vacations = Отпусков нет.
action-add-vacation = Добавить отпуск
calendar-value-label = Значение за { $date }
habit-progress = прогресс
habit-last-year = Последний год
calendar-previous-month = Предыдущий месяц
calendar-next-month = Следующий месяц
calendar-undo = отменить
calendar-done = готово
calendar-skip = пропуск
calendar-undo-label = Отменить отметку { $date }
calendar-done-label = Готово — { $date }
calendar-skip-label = Пропуск — { $date }
checkin-done = выполнено
checkin-skipped = пропущено
checkin-missing = нет отметки
checkin-not-scheduled = не запланировано
schedule-type-daily = Каждый день
schedule-type-weekly_days = По дням недели
schedule-type-monthly_day = В день месяца
schedule-type-monthly_weekday = В день недели месяца
schedule-type-yearly_date = В дату года
schedule-type-interval_cycle = Циклами (дни работы и отдыха)
schedule-type-times_per_period = Несколько раз за период
schedule-daily = Каждый день
schedule-weekly = { $every ->
    [1] { $days }
   *[other] { $days }, раз в { $every } { $every ->
        [one] неделю
        [few] недели
       *[many] недель
    }
}
schedule-monthly = { $day }-го числа каждого месяца
schedule-monthly-every = { $day }-го числа раз в { $every } { $every ->
    [one] месяц
    [few] месяца
   *[many] месяцев
}
schedule-monthly-weekday = В { $weekday ->
    [wed] { $week ->
        [1] первую
        [2] вторую
        [3] третью
        [4] четвёртую
       *[other] последнюю
    } среду
    [fri] { $week ->
        [1] первую
        [2] вторую
        [3] третью
        [4] четвёртую
       *[other] последнюю
    } пятницу
    [sat] { $week ->
        [1] первую
        [2] вторую
        [3] третью
        [4] четвёртую
       *[other] последнюю
    } субботу
    [sun] { $week ->
        [1] первое
        [2] второе
        [3] третье
        [4] четвёртое
       *[other] последнее
    } воскресенье
   *[other] { $week ->
        [1] первый
        [2] второй
        [3] третий
        [4] четвёртый
       *[other] последний
    } { $weekday ->
        [mon] понедельник
        [tue] вторник
       *[thu] четверг
    }
} { $every ->
    [1] каждого месяца
   *[other] раз в { $every } { $every ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }
}
schedule-yearly = Каждый год { $date }
schedule-interval = { $active ->
    [one] { $active } день
    [few] { $active } дня
   *[many] { $active } дней
} работы, { $rest ->
    [one] { $rest } день
    [few] { $rest } дня
   *[many] { $rest } дней
} отдыха
schedule-times-per-period = { $times ->
    [0] За { $period ->
        [week] неделю
        [month] месяц
       *[days] { $days } { $days ->
            [one] день
            [few] дня
           *[many] дней
        }
    }
   *[other] { $times } { $times ->
        [one] раз
        [few] раза
       *[many] раз
    } { $period ->
        [week] в неделю
        [month] в месяц
       *[days] за { $days } { $days ->
            [one] день
            [few] дня
           *[many] дней
        }
    }
}

## Формы

form-preview = Предпросмотр
action-preview = Показать
preview-next-dates = Ближайшие даты
preview-next-periods = Ближайшие периоды
preview-period = { $from } – { $to }
preview-none = Впереди дат нет: привычка заканчивается раньше.
preview-incomplete = Заполните расписание, чтобы увидеть ближайшие даты.
field-schedule_config-every_months = Раз в … месяцев
form-month-step = В какие месяцы
form-optional = (необязательно)
form-save = Сохранить
form-no-theme = Без темы
form-repeats = Повторяется
form-weekday-of-month = День недели в месяце
field-schedule_config-week = Который
week-of-month = { $week ->
    [1] Первый
    [2] Второй
    [3] Третий
    [4] Четвёртый
   *[other] Последний
}
field-schedule_config-weekday = День недели
form-times-per-period = Раз за период
field-schedule_config-times = Сколько раз (для «сделано или нет»)
field-schedule_config-period = Период
field-schedule_config-period_days = Дней в периоде (для «несколько дней»)
period-choice = { $period ->
    [week] Неделя
    [month] Месяц
   *[days] Несколько дней
}
form-habit-kind = Что отмечать
kind-boolean = Сделано или нет
kind-measurable = Число
field-unit = Единица
field-target = Цель
field-target_type = Тип цели
target-type-at_least = Не меньше
target-type-at_most = Не больше
form-weekdays = Дни недели
form-day-of-month = День месяца
form-monthly-day = День (1–31; в коротких месяцах — последний день)
form-date-of-year = Дата в году
form-yearly-day = День (29 февраля в невисокосные годы приходится на 28-е)
form-cycle = Цикл
form-default-today = (по умолчанию — сегодня)
form-color-hint = (оставьте пустым — цвет подберётся сам)
field-name = Название
field-description = Описание
field-color = Цвет
field-theme_id = Тема
field-theme = Тема
field-priority = Приоритет
field-due_on = Срок
field-email = Электронная почта
field-password = Пароль
field-display_name = Имя
field-time_zone = Часовой пояс
field-day_start_hour = Мой день начинается в
field-language = Язык
field-schedule_type = Повторяется
field-schedule_config = Расписание
field-schedule_config-days = Дни недели
field-schedule_config-every_weeks = Раз в … недель
field-schedule_config-day = День
field-schedule_config-month = Месяц
field-schedule_config-active_days = Дней работы
field-schedule_config-break_days = Дней отдыха
field-starts_on = Начало
field-ends_on = Окончание
field-date = Дата
field-kind = Отметка
field-note = Заметка
field-current_password = Текущий пароль
field-new_password = Новый пароль
field-status = Показать
field-sort = Сортировка
field-order = Порядок
field-page = Страница
field-per_page = На странице
field-range = Период
field-from = С
field-to = По
field-body = Запрос

## Задачи и темы

tasks-empty = Здесь пусто.
tasks-add = Добавить задачу
tasks-count = { $count ->
    [one] { $count } задача
    [few] { $count } задачи
   *[many] { $count } задач
}
task-complete = Выполнить «{ $name }»
task-reopen = Вернуть в работу «{ $name }»
task-due = срок { $date }
task-delete-confirm = Удалить задачу «{ $name }»?
priority-low = Низкий
priority-medium = Средний
priority-high = Высокий
themes-empty = Тем пока нет. Темы объединяют задачи и привычки — «Здоровье», «Работа», «Дом».
themes-count = { $count ->
    [one] { $count } тема
    [few] { $count } темы
   *[many] { $count } тем
}
theme-delete-confirm = Удалить тему «{ $name }»? Её задачи и привычки останутся, но без темы.

## Статистика

stats-period = Период
range-7d = 7 дней
range-30d = 30 дней
range-90d = 90 дней
range-1y = 1 год
range-all = Всё время
stats-active-of = активных из { $total }
stats-completion-in-period = выполнение за период
stats-checkins = Отметки
stats-as-table = Таблицей
stats-from = С
stats-to = По
stats-done = Выполнено
stats-skipped = Пропущено
stats-rate-per-habit = Выполнение по привычкам
stats-best-streaks = Лучшие текущие серии
stats-no-streak = Пока ни одной серии.
stats-habits-by-theme = Привычки по темам
stats-by-schedule = По расписанию
stats-completed = выполнено
stats-created-in-period = создано за период
stats-completed-in-period = выполнено за период
stats-average-time = среднее время до выполнения
stats-hours = { $value } ч
stats-by-priority = По приоритету
stats-by-theme = По темам
chart-checkins-title = Отметки за период
chart-checkins-bar = выполнено: { $done }, пропущено: { $skipped }
chart-heatmap-title = Отметки с { $from } по { $to }
chart-values-title = Значения: { $name }
chart-values-bar-average = в среднем { $value } { $unit }, записей: { $count }
chart-values-bar-sum = всего { $value } { $unit }, записей: { $count }
chart-values-target = Цель: { $target } { $unit }
stats-values-rule-average = Цель на отметку: { $target_type } { $target } { $unit }. Столбец — среднее записанных значений, пунктир — цель.
stats-values-rule-sum = Цель на период: { $target_type } { $target } { $unit }. Столбец — сумма за период, пунктир — цель.
stats-values-sum = Сумма
stats-values-logged = Записей
stats-values-average = Среднее
insight-today-title = Сегодня
insight-today-text = Осталось выполнить сегодня: { $count } из { $total }
insight-best-streak-title = Лучшая серия
insight-best-streak-text = { $name }: { $count ->
    [one] { $count } раз
    [few] { $count } раза
   *[many] { $count } раз
} подряд
insight-busiest-theme-title = Самая загруженная тема
insight-busiest-theme-text = { $name }: { $count ->
    [one] { $count } открытая задача
    [few] { $count } открытые задачи
   *[many] { $count } открытых задач
}
insight-most-improved-title = Лучший рост
insight-most-improved-text = { $name }: +{ $points } п. к прошлому периоду
insight-vacation-title = Отпуск
insight-vacation-text = Дней отпуска в этом периоде: { $count }. Они не учитываются в сериях и выполнении

## Настройки

settings-profile = Профиль
settings-signed-in-as = Вы вошли как
settings-day-start-hint = Отметки до этого часа засчитываются предыдущему дню.
settings-sign-in-methods = Способы входа
settings-password-label = Пароль:
settings-password-set = задан
settings-password-not-set = не задан
settings-unlink-confirm = Отвязать этот способ входа?
settings-unlink = Отвязать
settings-link-question = { $provider } предлагает вход как { $email }. Привязать к этой учётной записи?
settings-link = Привязать { $provider }
settings-no-password = Вы входите через внешнего провайдера; задайте пароль, чтобы входить и по электронной почте.
settings-password-hint = Смена пароля завершит все остальные сеансы.
settings-change-password = Сменить пароль
reset-password-intro = Выберите новый пароль для учётной записи. Все устройства, где вы вошли, будут отключены.
reset-password-submit = Сохранить пароль
sessions-title = Где выполнен вход
sessions-device = Устройство
sessions-ip = IP-адрес
sessions-signed-in = Вход
sessions-last-seen = Последняя активность
sessions-action = Действие
sessions-this-device = это устройство
sessions-sign-out-everywhere = Выйти на всех устройствах

## Сообщения после действий

flash-theme-created = Тема «{ $name }» создана.
flash-theme-saved = Тема сохранена.
flash-theme-deleted = Тема удалена; её задачи и привычки сохранены без темы.
flash-task-created = Задача «{ $name }» добавлена.
flash-task-saved = Задача сохранена.
flash-task-deleted = Задача удалена.
flash-habit-created = Привычка «{ $name }» создана.
flash-habit-saved = Привычка сохранена.
flash-habit-deleted = Привычка удалена.
flash-pause-added = Привычка на паузе.
flash-pause-deleted = Пауза снята.
flash-vacation-added = Отпуск добавлен.
flash-vacation-deleted = Отпуск удалён.
flash-settings-saved = Настройки сохранены.
flash-password-changed = Пароль изменён; остальные сеансы завершены.
flash-password-reset = Пароль сохранён. Войдите с ним.
flash-session-revoked = Сеанс завершён.
flash-identity-linked = { $provider } привязан; теперь через него можно входить.
flash-identity-unlinked = Способ входа отвязан.
flash-stats-range-unknown = Такого периода нет; показаны последние 7 дней.

## Ошибки

status-error = Ошибка
status-400 = Неверный запрос
status-401 = Нужен вход
status-403 = Доступ запрещён
status-404 = Не найдено
status-405 = Метод не разрешён
status-409 = Конфликт
status-413 = Слишком большой запрос
status-415 = Неподдерживаемый формат
status-422 = Ошибка в данных
status-429 = Слишком много запросов
status-500 = Внутренняя ошибка
status-502 = Ошибка внешнего сервиса
status-503 = Сервис недоступен
error-back = Вернуться к сегодняшнему дню
error-request = Запрос не удалось обработать
error-validation = Исправьте отмеченные поля
error-unauthorized = Войдите, чтобы продолжить
error-payload-too-large = Тело запроса больше 1 МиБ
error-method-not-allowed = Этот метод здесь не разрешён
error-unsupported-media-type = Отправьте JSON или форму
error-unsupported-content-type = Неподдерживаемый тип содержимого
error-invalid-credentials = Неверная электронная почта или пароль
error-rate-limited = Слишком много попыток; подождите и попробуйте снова
error-unavailable = Сервис временно недоступен; попробуйте чуть позже
error-internal = Что-то пошло не так на нашей стороне
error-bad-request = Запрос не удалось разобрать
error-not-found = Не найдено
error-page-not-found = Страница не найдена
error-file-not-found = Файл не найден
error-habit-not-found = Привычка не найдена
error-task-not-found = Задача не найдена
error-theme-not-found = Тема не найдена
error-session-not-found = Сеанс не найден
error-identity-not-found = Способ входа не найден
error-pause-not-found = Пауза не найдена
error-vacation-not-found = Отпуск не найден
error-csrf = Запрос отклонён ради защиты вашей учётной записи (нет ключа безопасности или его срок истёк). Обновите страницу и попробуйте снова.
error-json-syntax = Тело запроса — не корректный JSON
error-body-unreadable = Не удалось прочитать тело запроса
error-form-unreadable = Не удалось прочитать форму
error-unknown-field = Неизвестное поле
error-required = Обязательное поле
error-invalid-value = Недопустимое значение ({ $detail })
error-choice = Допустимые значения: { $choices }
error-between = Целое число от { $min } до { $max }
error-range = Число от { $min } до { $max }
error-whole-number = Должно быть целым числом
error-json-object = Должно быть объектом JSON
error-schedule-filter = «all» или тип расписания
error-day-of-month = Не больше { $max } для месяца { $month }
error-weekday-list = Список дней недели (mon … sun)
error-weekday-codes = Только mon, tue, wed, thu, fri, sat, sun
error-weekday-none = Нужен хотя бы один день недели
error-unknown-setting = Такой настройки нет у расписания { $type }
error-week-of-month = 1, 2, 3, 4 или -1 (последний)
error-weekday-code = Одно из mon, tue, wed, thu, fri, sat, sun
error-amount-number = Число от 0 до 1000000, не больше 3 знаков после запятой
error-amount-decimals = Не больше 3 знаков после запятой
error-target-positive = Для цели «не меньше» нужно число больше 0
error-value-not-for-boolean = Значение бывает только у измеримых привычек
error-value-not-for-skip = У пропуска нет значения
error-pause-order = Не раньше { $from }
error-pause-length = Пауза длится не больше { $max } дней
error-times-measurable = Не используется у измеримых привычек: за период складываются значения
error-period-days-only = Только для периода «days»
error-name-empty = Введите название
error-too-long = Не более { $max } { $max ->
    [one] символа
   *[other] символов
}
error-too-short = Не менее { $min } { $min ->
    [one] символа
   *[other] символов
}
error-hidden-characters = Удалите невидимые или управляющие символы
error-color = Укажите цвет вида #3366FF
error-email-empty = Введите адрес электронной почты
error-email-too-long = Адрес электронной почты — не более { $max } символов
error-email-invalid = Введите корректный адрес, например name@example.com
error-password-common = Этот пароль слишком распространён; выберите другой
error-time-zone = Выберите часовой пояс из списка, например Europe/Moscow
error-day-start-hour = Выберите час от 0 до 5
error-language = Выберите en или ru
error-date = Укажите дату вида 2026-03-31
error-checkin-kind = Выберите done или skipped
error-priority = Выберите low, medium или high
error-theme-choice = Выберите одну из ваших тем
error-theme-name-taken = У вас уже есть тема с таким названием
error-quota-habits = У вас уже { $limit } привычек — больше одной учётной записи нельзя. Удалите лишние, чтобы добавить новые.
error-quota-tasks = У вас уже { $limit } задач — больше одной учётной записи нельзя. Удалите лишние, чтобы добавить новые.
error-quota-themes = У вас уже { $limit } тем — больше одной учётной записи нельзя. Удалите лишние, чтобы добавить новые.
error-quota-pauses = У этой привычки уже { $limit } пауз — больше у одной привычки быть не может. Удалите лишние или объедините их в более длинные, чтобы добавить новые.
error-ends-before-start = Дата окончания не может быть раньше даты начала
error-email-taken = Учётная запись с этим адресом уже существует
error-email-taken-sign-in = Учётная запись с этим адресом уже существует; войдите в неё
error-account-disabled = Эта учётная запись отключена
error-reset-link-invalid = Эта ссылка недействительна, уже использована или устарела. Попросите администратора о новой.
error-current-password = Текущий пароль указан неверно
refusal-archived = Эта привычка в архиве
refusal-future = { $date } — это будущая дата
refusal-before-start = { $date } — раньше начала привычки ({ $starts_on })
refusal-after-end = { $date } — после окончания привычки
refusal-not-scheduled = На { $date } привычка не запланирована
refusal-skip-pause-instead = Эта привычка считает сделанное за период, пропустить день нельзя; поставьте привычку на паузу

## Вход через внешнего провайдера

oidc-no-provider = Такого способа входа нет
oidc-unreachable = Провайдер входа сейчас недоступен
oidc-cancelled = Вход отменён у провайдера. Попробуйте снова или войдите по паролю.
oidc-failed = Провайдеру не удалось выполнить вход. Попробуйте снова.
oidc-expired = Ссылка для входа устарела или уже использована. Начните заново.
oidc-no-answer = Провайдер входа не ответил. Попробуйте позже.
oidc-no-id-token = Провайдер не прислал ID-токен
oidc-keys-unavailable = Не удалось получить ключи провайдера
oidc-keys-malformed = Ключи провайдера повреждены
oidc-unverified = Ответ провайдера не удалось проверить, поэтому вход не выполнен.
oidc-email-unverified = { $provider } не подтвердил ваш адрес электронной почты, поэтому HabitFlow не может создать по нему учётную запись.
oidc-identity-taken = Этот способ входа уже привязан к учётной записи
oidc-unlink-last = Сначала задайте пароль или привяжите другой способ входа, чтобы не потерять доступ.
oidc-link-required = Учётная запись { $email } уже существует. Войдите по её паролю, затем подтвердите привязку { $provider } в настройках.
oidc-nothing-to-link = Нет способа входа, ожидающего привязки
oidc-link-not-yours = Этот способ входа ожидал привязки к другой учётной записи или дольше 10 минут. Войдите через провайдера ещё раз, чтобы привязать его.

# API tokens (docs/security.md, API tokens)
nav-tokens = API-токены
tokens-title = Личные токены доступа
tokens-intro = Токен позволяет скрипту, быстрой команде телефона или другому приложению работать с вашей учётной записью через JSON API с заголовком «Authorization: Bearer <токен>». Токен на чтение может только читать.
tokens-lifetime = Токен действует, пока не истечёт его срок, пока вы не отзовёте его здесь или не удалите учётную запись. Смена пароля его не отменяет: отзовите токены, которым больше не доверяете.
tokens-new-secret = Ваш новый токен
tokens-shown-once = Скопируйте его сейчас: он показывается только один раз.
tokens-copy = Копировать
tokens-copied = Скопировано
tokens-create = Создать токен
tokens-list-title = Ваши токены
tokens-none = Токенов пока нет.
tokens-scope-read = Только чтение
tokens-scope-write = Чтение и запись
tokens-expiry-30 = 30 дней
tokens-expiry-90 = 90 дней
tokens-expiry-365 = 1 год
tokens-expiry-never = Бессрочно
tokens-created = Создан
tokens-last-used = Последнее использование
tokens-expires = Истекает
tokens-never-used = Не использовался
tokens-expired = истёк
tokens-revoke = Отозвать
field-token_name = Название
field-token_scope = Доступ
field-token_expiry = Срок действия
flash-token-revoked = Токен отозван.
error-token-not-found = Токен не найден
error-token-scope = Выберите чтение или запись
error-token-lifetime = Срок токена — от 1 до 365 дней или без срока
error-token-read-only = Этот токен может только читать
error-token-not-allowed = API-токенам это недоступно; войдите через браузер
error-invalid-token = API-токен неверен, истёк или отозван
error-quota-tokens = У вас уже { $limit } токенов — больше одной учётной записи нельзя. Отзовите лишние, чтобы добавить новые.

# Calendar feed (docs/product.md#calendar-feed)
feed-title = Календарь
feed-intro = Подпишитесь на этот адрес в приложении календаря, чтобы видеть сроки задач и дни привычек: на 30 дней назад и 60 вперёд. Прочитать его может любой, у кого есть адрес: создайте новый, чтобы старый перестал работать.
feed-url = Адрес вашего календаря
feed-shown-once = Скопируйте его сейчас: он показывается только один раз. Новый адрес отключает этот.
feed-rotate = Создать новый адрес календаря
feed-off = Отключить календарь
flash-feed-off = Календарь отключён.
error-feed-not-found = Календарь не найден

# API reference (docs/product.md#openapi)
api-docs-title = Справочник API
api-docs-intro = Каждая страница HabitFlow — это и JSON API: отправьте «Accept: application/json» и войдите с API-токеном (Authorization: Bearer) или с cookie сеанса и его CSRF-токеном. Здесь перечислены все операции и схемы документа OpenAPI.
api-docs-operations = Операции
api-docs-security = Вход
api-docs-parameters = Параметры
api-docs-body = Тело запроса
api-docs-responses = Ответы
api-docs-schemas = Схемы

# Found by the schema-driven fuzzer
error-not-an-id = должен быть идентификатором (UUID)
error-json-body-object = Тело JSON должно быть объектом с именованными полями
## Ваши данные: экспорт, импорт, удаление

error-export-format = Неизвестный формат экспорта: выберите habitflow или loop
nav-data = Ваши данные
flash-imported = Импортировано привычек: { $habits }, отметок: { $checkins }
data-export-title = Экспорт
data-export-intro = Скачайте всё, что вы здесь храните: темы, задачи, привычки со всеми отметками, паузы и отпуска.
data-export-json = Скачать в формате HabitFlow JSON
data-export-loop = Скачать для Loop Habit Tracker (CSV в zip)
data-import-title = Импорт
data-import-intro = Загрузите экспорт HabitFlow, полную резервную копию Loop Habit Tracker (.db) или CSV-экспорт Loop (.zip). Вы увидите, что в нём есть, до того как что-либо будет записано; импорт только добавляет и никогда не меняет и не удаляет то, что у вас уже есть.
data-import-file = Файл (не больше 20 МиБ)
data-import-hint = Тип файла определяется по содержимому, а не по имени.
data-import-check = Проверить файл
data-import-refused = Ничего не импортировано. Файл отклонён:
data-plan-title = Что добавит импорт
data-plan-source-habitflow = Экспорт HabitFlow
data-plan-source-loop_db = Полная резервная копия Loop Habit Tracker
data-plan-source-loop_csv = CSV-экспорт Loop Habit Tracker
data-plan-themes = Темы
data-plan-tasks = Задачи
data-plan-habits = Привычки
data-plan-checkins = Отметки
data-plan-pauses = Паузы
data-plan-skipped = Пропущено
data-plan-confirm = Импортировать
data-plan-send-again = Выберите тот же файл ещё раз, чтобы импортировать его
data-plan-cancel = Отмена
error-import-unknown-file = Файл не является экспортом HabitFlow, резервной копией или CSV-экспортом Loop Habit Tracker
error-import-json = Файл не является корректным JSON (строка { $line }, столбец { $column })
error-import-version = Это экспорт версии { $version }; этот HabitFlow читает версии до { $newest }
error-import-date-range = Даты должны быть между { $from } и { $to }
error-import-too-many = Слишком много объектов «{ $what }» в одном файле: не больше { $max }
error-import-duplicate-date = Две отметки на { $date }
error-import-choose-file = Выберите файл для импорта
error-import-upload-expired = Файл слишком долго ждал подтверждения; выберите его ещё раз
import-skip-vacation-overlaps = пересекается с одним из ваших отпусков или примыкает к нему
error-import-db-unreadable = Резервная копия не является читаемой базой SQLite (обрезана или повреждена?)
error-import-db-code = В резервной копии есть представления или триггеры, которых Loop Habit Tracker никогда не создаёт; она не читается
error-import-db-missing = В резервной копии нет { $what }: это не резервная копия Loop Habit Tracker
error-import-too-slow = Чтение файла заняло слишком много времени
error-import-loop-newer = Эта резервная копия Loop Habit Tracker имеет версию базы { $version }; HabitFlow читает версии до { $newest }
error-import-loop-older = Эта резервная копия Loop Habit Tracker имеет версию базы { $version }; HabitFlow читает версии начиная с { $oldest }
error-import-loop-timestamp = У привычки { $habit } есть запись с невозможным временем ({ $timestamp })
error-import-zip-unreadable = Zip-файл не читается (обрезан или повреждён?)
error-import-zip-entries = В zip-файле больше { $max } записей
error-import-zip-path = Путь этой записи ведёт за пределы архива («..» или абсолютный путь)
error-import-zip-ratio = Эта запись распаковывается в размер, больше чем в { $max } раз превышающий сжатый
error-import-zip-size = Zip-файл распаковывается больше чем в { $max } МиБ
error-import-csv-unreadable = Эту строку CSV не удалось прочитать
error-import-csv-line = Эта строка CSV длиннее { $max } байт
error-import-csv-empty = Файл пуст
error-import-csv-number = Не число
import-skip-period-skips = пропуски привычки, считаемой по периодам, не переносятся (поставьте привычку на паузу)
import-skip-note-without-checkin = заметке на день без отметки не к чему прикрепиться
nav-delete-account = Удаление аккаунта
delete-title = Удалить аккаунт
delete-what = Удаление аккаунта сразу и навсегда удаляет: профиль, темы, задачи, привычки со всеми отметками, паузы и отпуска, привязанных поставщиков входа, ссылки для сброса пароля и все сеансы (вы выйдете на всех устройствах). Ничего не сохраняется.
delete-export-first = Сначала можно скачать свои данные:
delete-password = Текущий пароль
delete-email = У аккаунта нет пароля: введите адрес электронной почты для подтверждения
delete-confirm = Удалить аккаунт и все мои данные
error-delete-email = Введите адрес электронной почты аккаунта точно
flash-account-deleted = Ваш аккаунт и все его данные удалены
# Напоминания и устанавливаемое приложение (#20)
nav-reminders = Напоминания
reminders-title = Каналы напоминаний
reminders-intro = В назначенное время напоминания, в день, когда она запланирована и ещё не отмечена, напоминание уходит в каждый канал ниже.
field-ntfy_url = Адрес темы ntfy
reminders-ntfy-hint = Например, https://ntfy.sh/ваша-секретная-тема. Оставьте пустым, если не нужно.
field-reminder-email = Присылать напоминания на почту
reminders-email-unavailable = Напоминания по почте недоступны: на этом сервере не настроен почтовый сервер.
reminders-save = Сохранить каналы
reminders-push-title = Уведомления в этом браузере
reminders-push-intro = Push-уведомлениям нужен https (или localhost). Браузер спросит разрешение, когда вы их включите.
reminders-push-count = Подписанных браузеров:
reminders-push-on = Уведомления в этом браузере включены.
reminders-push-off = Уведомления в этом браузере выключены.
reminders-push-unsupported = Этот браузер не может получать здесь push-уведомления.
reminders-push-denied = Уведомления для этого сайта запрещены в настройках браузера.
reminders-push-enable = Включить уведомления
reminders-push-disable = Выключить уведомления
reminders-test-title = Проверка
reminders-test-send = Отправить проверку во все каналы
reminders-test-message = Это проверочное напоминание от HabitFlow.
flash-reminders-saved = Каналы напоминаний сохранены
flash-reminders-test-sent = Проверка отправлена во все каналы
flash-reminders-test-nothing = Ни один канал ещё не настроен
flash-reminders-test-failed = Проверка дошла не во все каналы
error-reminder-time = Укажите время ЧЧ:ММ, от 00:00 до 23:59
error-reminder-times-too-many = Не больше { $max } напоминаний
error-reminder-ntfy-url = Укажите адрес http или https длиной не больше 2000 символов
error-reminder-email-unavailable = На этом сервере не настроен почтовый сервер
error-reminder-push-endpoint = Это не адрес push-сервиса
error-reminder-push-key = Неверный ключ push-подписки
field-reminder_times = Время напоминаний
reminders-times-hint = До 5 значений ЧЧ:ММ в вашем часовом поясе. Оставьте пустым, если не нужно.
offline-title = Нет соединения
offline-text = HabitFlow сейчас не может связаться с сервером. Проверьте соединение и попробуйте ещё раз.

# #18 интерфейс для телефона
nav-account = Аккаунт
toast-done = Выполнено:
toast-skipped = Пропущено:
toast-undone = Отменено:
toast-undo = Отменить
starter-intro = Начните с одной из этих привычек — одно нажатие добавит её, а изменить можно будет всё:
starter-drink-water = Пить воду
starter-glasses = стаканов
starter-read = Читать 10 страниц
starter-walk = Гулять
starter-edit-later = «Пить воду» считает стаканы (не меньше 8 в день); «Гулять» — 3 раза в неделю.
starter-import = Импорт из Loop Habit Tracker или из экспорта HabitFlow
strength-what = Что такое сила?
strength-explained = Скользящее среднее того, насколько регулярно вы соблюдаете привычку, от 0 до 100 %. Каждый прошедший день по расписанию сдвигает её на 1/19 пути к 100 %, если привычка выполнена, и к 0 %, если день прошёл без отметки (значение ниже цели даёт часть шага), — так что полпути проходится за 13 таких дней; пропуски и дни паузы без отметки её не меняют. Один пропущенный день снижает её немного, постоянство уверенно поднимает.
heatmap-month = Месяц
palette-auto = Подобрать за меня
palette-custom = Свой цвет
palette-hex = Код цвета: # и шесть шестнадцатеричных цифр
palette-indigo = Индиго
palette-sky = Небесно-голубой
palette-emerald = Изумрудный
palette-amber = Янтарный
palette-red = Красный
palette-violet = Фиолетовый
palette-pink = Розовый
palette-teal = Бирюзовый
palette-lime = Лаймовый
palette-orange = Оранжевый
palette-periwinkle = Барвинковый
palette-slate = Сланцевый
habit-values-30 = Значения за последние 30 дней
