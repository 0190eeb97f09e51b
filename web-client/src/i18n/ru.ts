import type { Messages } from './messages';
import { pluralRu } from './plural';

export const ru: Messages = {
  lang: 'ru',
  languageName: 'Русский',
  defaultLocale: 'ru-RU',

  app: {
    name: 'Вече',
    skipToContent: 'Перейти к программе',
    skipToMain: 'Перейти к основному содержимому',
    loading: 'Загружаем программу форума…',
  },

  language: {
    label: 'Язык интерфейса',
  },

  agenda: {
    heading: 'Программа',
    hallsNav: 'Залы',
    summary: (halls, sessions) =>
      `${halls} ${pluralRu(halls, 'зал', 'зала', 'залов')} · ` +
      `${sessions} ${pluralRu(sessions, 'сессия', 'сессии', 'сессий')}`,
    timeZoneNote: (zone) => `Время указано по вашему часовому поясу: ${zone}`,
    emptyHall: 'В этом зале пока нет сессий.',
    emptyEvent: 'Программа форума пока не опубликована.',
    otherHall: 'Другие сессии',
    speakers: 'Спикеры',
    duration: (minutes) => {
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      if (h === 0) return `${m} мин`;
      return m === 0 ? `${h} ч` : `${h} ч ${m} мин`;
    },
    timeRange: (start, end) => `с ${start} до ${end}`,
    qaOpen: 'Приём вопросов открыт',
  },

  kinds: {
    plenary: 'Пленарное заседание',
    panel: 'Панельная дискуссия',
    round_table: 'Круглый стол',
    presentation: 'Презентация',
    workshop: 'Мастер-класс',
  },

  sessionState: {
    scheduled: 'Запланирована',
    live: 'Идёт сейчас',
    ended: 'Завершена',
  },

  streamStatus: {
    live: 'В эфире',
    slate: 'Перерыв в трансляции',
    offline: 'Нет трансляции',
  },

  error: {
    title: 'Не удалось загрузить программу',
    network: 'Нет связи с сервером. Проверьте подключение к интернету и повторите попытку.',
    timeout: 'Сервер не ответил вовремя. Возможно, соединение медленное — повторите попытку.',
    http: (status) => `Сервер ответил ошибкой (код ${status}). Повторите попытку через минуту.`,
    data: 'Сервер прислал данные, которые не удалось прочитать. Повторите попытку позже.',
    retry: 'Повторить',
    retrying: 'Загружаем…',
  },

  live: {
    connecting: 'Подключаемся…',
    offline: 'Нет связи с сервером. Переподключаемся…',
    retryNow: 'Повторить сейчас',
    keptAt: (time) => `Показано то, что было известно в ${time}.`,
    backToAgenda: 'К программе',
    notFound: 'Такой сессии нет в программе.',
    anonymous: 'Аноним',
    votes: (n) => `${n} ${pluralRu(n, 'голос', 'голоса', 'голосов')}`,
    edited: 'изменён модератором',
    onStage: 'Сейчас на сцене',
    answered: 'Отвечен',
    clock: 'Текущее время',
    requestError: (code) => {
      switch (code) {
        case 'closed':
          return 'Приём вопросов закрыт.';
        case 'too_long':
          return 'Слишком длинный текст.';
        case 'rate_limited':
          return 'Слишком часто. Подождите немного и повторите.';
        case 'forbidden':
          return 'Это действие вам недоступно.';
        case 'not_found':
          return 'Уже удалено или не найдено.';
        case 'timeout':
          return 'Сервер не ответил вовремя. Повторите попытку.';
        case 'bad_request':
          return 'Сервер не принял запрос.';
        default:
          return 'Не получилось. Повторите попытку.';
      }
    },
    viewers: (n) => `${n} ${pluralRu(n, 'зритель', 'зрителя', 'зрителей')}`,
  },

  join: {
    title: 'Присоединиться',
    intro: 'Чтобы задавать вопросы, голосовать и отвечать на опросы, представьтесь. Имя можно не указывать.',
    name: 'Имя',
    nameHint: 'Необязательно. Его увидят другие участники рядом с вашими вопросами.',
    code: 'Код доступа',
    codeHint: 'Код сообщают организаторы форума.',
    submit: 'Присоединиться',
    submitting: 'Присоединяемся…',
    expired: 'Срок входа истёк. Присоединитесь снова.',
    wrongCode: 'Неверный код доступа.',
    codeNeeded: 'Для этого форума нужен код доступа.',
    rateLimited: 'Слишком много попыток. Подождите минуту.',
    tooLong: 'Слишком длинное имя.',
    failed: 'Не удалось присоединиться. Проверьте связь и повторите.',
    as: (name) => `Вы участвуете как ${name}`,
    asAnonymous: 'Вы участвуете без имени',
  },

  video: {
    label: (hall) => `Трансляция: ${hall}`,
    status: { live: 'В эфире', slate: 'Перерыв в трансляции', offline: 'Нет трансляции' },
    slateNote: 'Трансляция скоро продолжится.',
    offlineNote: 'Трансляция из этого зала сейчас не идёт.',
    captions: 'Субтитры',
    quality: 'Качество',
    auto: 'Авто',
    autoPlaying: (rung) => `Авто (${rung})`,
    rung: (height) => `${height}p`,
    audioOnly: 'Только звук',
    audioOnlyNote: 'Только звук: видео не загружается',
  },

  transcript: {
    heading: 'Стенограмма',
    empty: 'Стенограмма появится, когда начнётся выступление.',
    newLines: (n) => `Новых строк в стенограмме: ${n}`,
    download: 'Скачать стенограмму',
  },

  questions: {
    heading: 'Вопросы',
    order: 'Порядок',
    popular: 'Популярные',
    recent: 'Новые',
    empty: 'Вопросов пока нет. Задайте первый!',
    vote: (n) => `Поддержать вопрос (сейчас ${n})`,
    unvote: (n) => `Отозвать голос (сейчас ${n})`,
    mine: 'Ваши вопросы',
    state: {
      pending: 'Ждёт модерации',
      approved: 'Опубликован',
      answered: 'Отвечен',
      rejected: 'Отклонён модератором',
      archived: 'В архиве',
    },
  },

  ask: {
    heading: 'Задать вопрос',
    label: 'Ваш вопрос',
    hint: 'Коротко и по делу: вопрос увидят спикеры и другие участники.',
    counter: (used, max) => `${used} из ${max} символов`,
    tooLong: (over) => `Слишком длинно: уберите ${over} ${pluralRu(over, 'символ', 'символа', 'символов')}.`,
    anonymous: 'Спросить анонимно',
    submit: 'Отправить',
    sending: 'Отправляем…',
    sentPending: 'Вопрос отправлен и ждёт модерации.',
    sentPublished: 'Вопрос опубликован.',
    closed: 'Приём вопросов закрыт.',
  },

  polls: {
    heading: 'Опросы',
    vote: 'Ответить',
    change: 'Изменить ответ',
    voted: 'Ваш ответ учтён. Его можно изменить, пока опрос открыт.',
    multiHint: 'Можно выбрать несколько вариантов.',
    results: 'Результаты',
    hiddenResults: 'Результаты покажем после завершения опроса.',
    voters: (n) => `${n} ${pluralRu(n, 'участник ответил', 'участника ответили', 'участников ответили')}`,
    percent: (pct, votes) => `${pct}% (${votes})`,
    state: { draft: 'Черновик', open: 'Идёт опрос', closed: 'Опрос завершён' },
  },

  reactions: {
    heading: 'Реакции',
    names: { applause: 'Аплодисменты', heart: 'Сердце', like: 'Нравится', laugh: 'Смешно', wow: 'Удивительно' },
  },

  staff: {
    noToken: 'Нужна ссылка с токеном доступа.',
    noTokenHelp: (command) => `Получите её у организатора: ${command}, затем откройте страницу с #token=… в конце адреса.`,
    badToken: 'Токен недействителен или истёк. Получите новую ссылку.',
    pickSession: 'Выберите сессию',
    wrongRole: (role) => `Этот токен для роли «${role}» — для этой страницы он не подходит.`,
  },

  moderator: {
    title: 'Модерация',
    incoming: 'Входящие',
    approved: 'Одобренные',
    answered: 'Отвеченные',
    archived: 'Архив и отклонённые',
    empty: 'Пусто.',
    author: (name, anonymous) => (anonymous ? `${name} (анонимно)` : name),
    actions: {
      approve: 'Одобрить',
      reject: 'Отклонить',
      edit: 'Изменить',
      highlight: 'На сцену',
      unhighlight: 'Снять со сцены',
      answer: 'Отвечен',
      archive: 'В архив',
      restore: 'Вернуть',
      save: 'Сохранить',
      cancel: 'Отмена',
    },
    editLabel: 'Текст вопроса',
    shortcuts: 'Клавиши',
    shortcutsHelp: [
      ['J / K', 'следующий / предыдущий вопрос'],
      ['A', 'одобрить'],
      ['R', 'отклонить'],
      ['H', 'на сцену / снять'],
      ['D', 'отвечен'],
      ['X', 'в архив'],
      ['U', 'вернуть'],
      ['E', 'изменить (Ctrl+Enter — сохранить, Esc — отмена)'],
    ],
    controls: 'Управление сессией',
    qa: 'Приём вопросов',
    qaOpen: 'Открыт',
    qaClosed: 'Закрыт',
    moderation: 'Модерация',
    pre: 'До публикации',
    post: 'После публикации',
    sessionState: 'Сессия',
    goLive: 'Начать',
    end: 'Завершить',
    exportCsv: 'Скачать вопросы (CSV)',
    exportFailed: 'Не удалось скачать CSV.',
    pollBuilder: 'Новый опрос',
    pollQuestion: 'Вопрос опроса',
    pollOption: (n) => `Вариант ${n}`,
    addOption: 'Добавить вариант',
    removeOption: (n) => `Убрать вариант ${n}`,
    multi: 'Несколько ответов',
    liveResults: 'Показывать результаты сразу',
    createPoll: 'Создать опрос',
    openPoll: 'Запустить опрос',
    closePoll: 'Завершить опрос',
    polls: 'Опросы',
    done: 'Готово.',
  },

  speaker: {
    title: 'Вопросы для спикера',
    queue: 'Очередь вопросов',
    empty: 'Одобренных вопросов пока нет.',
    markAnswered: 'Отвечен',
  },

  screen: {
    title: 'Экран зала',
    askHere: 'Задайте вопрос',
    noQuestion: 'Задавайте вопросы — лучшие прозвучат со сцены.',
    qrLabel: (url) => `QR-код ссылки ${url}`,
  },

  caption: {
    title: 'Стенограмма: ввод',
    input: 'Текущая строка',
    hint: 'Печатайте — участники видят строку по мере набора. Enter завершает строку.',
    speaker: 'Кто говорит',
    language: 'Язык',
    lastLines: 'Последние строки',
    sending: 'отправляется',
    sent: 'сохранена',
    failed: 'не отправлена',
    empty: 'Пока ничего не отправлено.',
  },
};
