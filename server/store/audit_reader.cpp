#include "store/audit_reader.hpp"

#include "common/log.hpp"
#include "core/audit_csv.hpp"
#include "store/column_reader.hpp"

namespace veche::store {

audit_reader::audit_reader(const std::string& path, metrics_registry& metrics, std::size_t page_rows)
    : db_(path),
      page_(db_.handle(),
            "SELECT seq, at_ms, actor_id, actor_name, actor_role, action, target, text_before, text_after, choices "
            "FROM audit WHERE session = ?1 AND seq > ?2 AND (?3 OR action <> ?5) ORDER BY seq LIMIT ?4"),
      page_rows_(page_rows),
      export_seconds_(metrics.make_histogram("veche_audit_export_seconds", "Time to read and write one audit.csv",
                                             {0.001, 0.005, 0.02, 0.1, 0.5, 2, 10})),
      exports_(metrics.make_counter("veche_audit_exports_total", "audit.csv exports answered")) {}

void audit_reader::csv(std::string session, bool with_ballots, csv_handler done) {
    auto job = std::make_shared<export_job>(export_job{std::move(session), with_ballots, std::move(done),
                                                       core::audit_csv_head(), 0, std::chrono::steady_clock::now()});
    worker_.post([this, job] { next_page(job); });
}

void audit_reader::next_page(const std::shared_ptr<export_job>& job) {
    std::size_t rows = 0;
    try {
        page_.bind(1, job->session)
            .bind(2, static_cast<std::int64_t>(job->after))
            .bind(3, std::int64_t{job->with_ballots})
            .bind(4, static_cast<std::int64_t>(page_rows_))
            .bind(5, core::audit_entry::ballot_action);
        while (page_.next_row()) {
            column_reader row(page_);
            core::audit_entry e{.seq = static_cast<core::seq_t>(row.integer()), .at = row.integer(),
                                .actor_id = row.text(), .actor_name = row.text(),
                                .actor_role = row.name(core::role::participant), .action = row.text(),
                                .target = row.text(), .text_before = row.text(), .text_after = row.text(),
                                .choices = row.text()};
            core::append_audit_csv_row(job->text, e);
            job->after = e.seq;
            ++rows;
        }
    } catch (const store_error& e) {
        log::error("audit: session ", job->session, ": cannot read the trail: ", e.what());
        return job->done(std::nullopt);
    }
    // A full page: there may be more, read after whatever else waits.
    if (rows == page_rows_) return worker_.post([this, job] { next_page(job); });
    exports_.inc();
    export_seconds_.observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - job->started).count());
    job->done(std::move(job->text));
}

}  // namespace veche::store
