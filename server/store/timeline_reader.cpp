#include "store/timeline_reader.hpp"

#include "common/log.hpp"
#include "core/change_codec.hpp"

#include <chrono>

namespace veche::store {

timeline_reader::timeline_reader(const std::string& path, const core::event_definition& event,
                                 metrics_registry& metrics)
    : db_(path),
      rows_after_(db_.handle(),
                  "SELECT seq, at_ms, change FROM session_log WHERE session = ?1 AND seq > ?2 ORDER BY seq"),
      event_(event),
      read_seconds_(metrics.make_histogram("veche_timeline_read_seconds",
                                           "Time to read and render what a timeline.json request needed",
                                           {0.001, 0.005, 0.02, 0.1, 0.5, 2, 10})),
      unreadable_(metrics.make_counter("veche_store_log_unreadable_total",
                                       "Rows of the session log that could not be read back (left out)")) {}

void timeline_reader::items(std::string session, items_handler done) {
    worker_.post([this, session = std::move(session), done = std::move(done)] {
        const auto start = std::chrono::steady_clock::now();
        auto items = items_of(session);
        read_seconds_.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        done(std::move(items));
    });
}

std::shared_ptr<const std::string> timeline_reader::items_of(const std::string& session) {
    const auto* def = event_.find_session(session);
    if (!def) return nullptr;
    auto it = renderings_.find(session);
    if (it == renderings_.end()) it = renderings_.emplace(session, rendering{core::participant_timeline(*def), 0, nullptr, 0}).first;
    auto& r = it->second;
    try {
        rows_after_.bind(1, session).bind(2, static_cast<std::int64_t>(r.read_to));
        while (rows_after_.next_row()) {
            r.read_to = static_cast<core::seq_t>(rows_after_.integer(0));
            if (auto c = core::change_from_text(rows_after_.text(2))) {
                r.timeline.add(*c, rows_after_.integer(1));
                continue;
            }
            unreadable_.inc();
            log::warn("timeline: session ", session, ": left out the log row of seq ", r.read_to,
                      ", which this version cannot read");
        }
    } catch (const store_error& e) {
        log::error("timeline: session ", session, ": cannot read the log: ", e.what());
        return nullptr;
    }
    if (!r.text || r.text_seq != r.read_to) {
        r.text = std::make_shared<const std::string>(r.timeline.items_text());
        r.text_seq = r.read_to;
    }
    return r.text;
}

}  // namespace veche::store
