#pragma once
// Writes batches into an open transaction with statements prepared once.

#include "store/audit_writer.hpp"
#include "store/event_store.hpp"
#include "store/sqlite_connection.hpp"

namespace veche::store {

class batch_writer {
public:
    explicit batch_writer(sqlite_connection& db);

    void write(const write_batch& batch);

private:
    void write_change(const std::string& session, const core::change& c);
    // The session's log (session_log): every change with the batch's time, but of the vote (ballot) changes
    // of one batch only the last per question (poll): the timeline shows totals, and the votes and ballots
    // tables keep who voted for what.
    void write_log(const write_batch& batch);

    sqlite_statement upsert_session_;
    sqlite_statement upsert_question_;
    sqlite_statement insert_vote_;
    sqlite_statement delete_vote_;
    sqlite_statement insert_requests_;
    sqlite_statement upsert_segment_;
    sqlite_statement upsert_poll_;
    sqlite_statement upsert_ballot_;
    sqlite_statement upsert_attendee_;
    sqlite_statement upsert_reactions_;
    sqlite_statement set_times_;
    sqlite_statement insert_log_;
    audit_writer audit_;
};

}  // namespace veche::store
