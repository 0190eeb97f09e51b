#include "bench_config.hpp"

namespace veche::bench {
namespace {

nlohmann::json session(const char* id, const char* moderation) {
    return {{"id", id},
            {"hall", "bench"},
            {"title", std::string("Нагрузочный тест: ") + id},
            {"kind", "panel"},
            {"starts_at", "2026-12-10T07:00:00Z"},
            {"ends_at", "2026-12-10T08:30:00Z"},
            {"speakers", nlohmann::json::array()},
            {"moderation", moderation},
            {"qa_open", true}};
}

}  // namespace

nlohmann::json bench_config(const std::string& data_dir) {
    return {
        {"listen", "127.0.0.1:0"},
        {"data_dir", data_dir},
        {"auth", {{"secret", "veche-load-bench-secret-not-for-production"}, {"allowed_origins", nlohmann::json::array()}}},
        {"limits",
         {
             // One benchmark client stands for many people: the per-person and
             // per-connection rates go to the config's maximum.
             {"asks_per_minute", 10000},
             {"votes_per_second", 10000},
             {"votes_burst", 100000},
             {"similar_per_second", 10000},
             {"similar_burst", 100000},
             {"messages_per_second", 100000},
             {"messages_burst", 1000000},
             // Every participant joins from 127.0.0.1.
             {"joins_per_minute_per_ip", 1000000},
             // 15,000 handshakes in a row may take longer than 5 s to reach their hello.
             {"hello_timeout_ms", 60000},
         }},
        {"event",
         {{"id", "bench"},
          {"title", "Veche load benchmark"},
          {"halls", {{{"id", "bench"}, {"name", "Зал"}, {"source", "none"}}}},
          {"sessions",
           {session(fanout_session, "pre"), session(storm_session, "post"), session(durable_session, "post"),
            session(idle_session, "pre"), session(similar_session, "post")}}}},
    };
}

}  // namespace veche::bench
