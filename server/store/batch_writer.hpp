#pragma once
// Writes batches into an open transaction with statements prepared once.

#include "store/event_store.hpp"
#include "store/sqlite_connection.hpp"

namespace veche::store {

class batch_writer {
public:
    explicit batch_writer(sqlite_connection& db);

    // at_ms: when the transaction commits (it stamps the times a session went live or ended).
    void write(const write_batch& batch, std::int64_t at_ms);

private:
    void write_change(const std::string& session, const core::change& c);

    sqlite_statement upsert_session_;
    sqlite_statement upsert_question_;
    sqlite_statement insert_vote_;
    sqlite_statement delete_vote_;
    sqlite_statement insert_requests_;
    sqlite_statement upsert_segment_;
    sqlite_statement upsert_poll_;
    sqlite_statement upsert_ballot_;
    sqlite_statement upsert_reactions_;
    sqlite_statement set_times_;
};

}  // namespace veche::store
