import type { Messages } from './messages';
import { pluralRu } from './plural';

export const ru: Messages = {
  lang: 'ru',
  languageName: 'Русский',
  defaultLocale: 'ru-RU',

  app: {
    name: 'Вече',
    skipToContent: 'Перейти к программе',
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
};
