#include "store/audit_writer.hpp"

namespace veche::store {

audit_writer::audit_writer(sqlite_connection& db)
    : insert_(db.handle(),
              // A batch written again after a failed commit finds its rows there already.
              "INSERT OR IGNORE INTO audit(session, seq, at_ms, actor_id, actor_name, actor_role, action, target, "
              "text_before, text_after, choices) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)") {}

void audit_writer::write(const std::string& session, const std::vector<core::audit_entry>& entries) {
    for (const auto& e : entries)
        insert_.bind(1, session)
            .bind(2, static_cast<std::int64_t>(e.seq))
            .bind(3, e.at)
            .bind(4, e.actor_id)
            .bind(5, e.actor_name)
            .bind(6, core::to_string(e.actor_role))
            .bind(7, e.action)
            .bind(8, e.target)
            .bind(9, e.text_before)
            .bind(10, e.text_after)
            .bind(11, e.choices)
            .run();
}

}  // namespace veche::store
