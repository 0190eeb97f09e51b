#include "store/batch_writer.hpp"

namespace veche::store {

batch_writer::batch_writer(sqlite_connection& db)
    : upsert_session_(db.handle(),
                      "INSERT INTO sessions(id, state, qa_open, moderation, seq) VALUES(?1, ?2, ?3, ?4, ?5) "
                      "ON CONFLICT(id) DO UPDATE SET state = ?2, qa_open = ?3, moderation = ?4, seq = max(seq, ?5)"),
      upsert_question_(db.handle(),
                       "INSERT INTO questions(id, session, text, author_id, author_name, anonymous, state, "
                       "highlighted, edited, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                       "ON CONFLICT(id) DO UPDATE SET text = ?3, state = ?7, highlighted = ?8, edited = ?9"),
      insert_vote_(db.handle(), "INSERT OR IGNORE INTO votes(question, participant) VALUES(?1, ?2)"),
      delete_vote_(db.handle(), "DELETE FROM votes WHERE question = ?1 AND participant = ?2"),
      insert_request_(db.handle(),
                      "INSERT OR IGNORE INTO requests(session, participant, rid, reply) VALUES(?1, ?2, ?3, ?4)") {}

void batch_writer::write(const write_batch& batch) {
    for (const auto& c : batch.changes) write_change(c);
    for (const auto& r : batch.requests)
        insert_request_.bind(1, batch.session).bind(2, r.participant).bind(3, r.rid).bind(4, r.reply).run();
    upsert_session_.bind(1, batch.session)
        .bind(2, core::to_string(batch.status.state))
        .bind(3, std::int64_t{batch.status.qa_open})
        .bind(4, core::to_string(batch.status.moderation))
        .bind(5, static_cast<std::int64_t>(batch.seq))
        .run();
}

void batch_writer::write_change(const core::change& c) {
    if (const auto* qc = std::get_if<core::question_changed>(&c.payload)) {
        const auto& q = qc->after;
        upsert_question_.bind(1, q.id)
            .bind(2, q.session)
            .bind(3, q.text)
            .bind(4, q.author_id)
            .bind(5, q.author_name)
            .bind(6, std::int64_t{q.anonymous})
            .bind(7, core::to_string(q.state))
            .bind(8, std::int64_t{q.highlighted})
            .bind(9, std::int64_t{q.edited})
            .bind(10, q.created_at)
            .run();
    } else if (const auto* vc = std::get_if<core::vote_changed>(&c.payload)) {
        (vc->on ? insert_vote_ : delete_vote_).bind(1, vc->question_id).bind(2, vc->participant).run();
    }
    // session_changed needs no row of its own: every batch writes the session's status.
}

}  // namespace veche::store
