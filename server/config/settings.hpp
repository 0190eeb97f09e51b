#pragma once
// Everything the server reads from its config file (README.md,
// "Configuration"), validated once into typed values.

#include "config/address_range.hpp"
#include "config/listen_address.hpp"
#include "core/event_definition.hpp"
#include "core/region_list.hpp"
#include "core/session_limits.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace veche::config {

struct auth_settings {
    std::string secret;
    bool secret_in_config = false;  // the config text holds auth.secret (whether or not VECHE_SECRET wins)
    std::optional<std::string> join_code;
    std::vector<std::string> allowed_origins;
    std::chrono::seconds join_token_ttl{std::chrono::hours{24}};
};

// Contract section 5 defaults; each may be changed in the "limits" object.
// The ones a session enforces come from core; these are the server's own.
struct limit_settings : core::session_limits {
    std::size_t message_bytes = 16 * 1024;
    std::size_t name_chars = 80;
    std::uint32_t messages_per_second = 50;
    std::uint32_t messages_burst = 100;
    std::size_t send_queue_bytes = 1024 * 1024;
    std::uint32_t joins_per_minute_per_ip = 600;  // a whole venue may sit behind one address
    std::uint32_t hello_timeout_ms = 5000;
    std::size_t replay_events = 4096;
    // A session remembers the answer to each participant's last request_log_size
    // rids, for request_log_ttl: a retry within both gets the first answer.
    std::size_t request_log_size = 1000;
    std::chrono::seconds request_log_ttl{std::chrono::hours{24}};
};

struct http_settings {
    std::string web_root;  // the built web client; empty: found next to the executable (app/web_root.hpp)
    std::uint32_t request_timeout_ms = 10000;
    std::size_t body_bytes = 64 * 1024;
    std::size_t header_bytes = 8 * 1024;
    std::uint32_t threads = 2;
    // Peers whose X-Forwarded-For and X-Forwarded-Proto are believed (contract 7.6); empty: nobody's.
    std::vector<address_range> trusted_proxies;
    // The origin pages put in QR codes and links ("https://forum.example.ru"); empty: the one the browser used.
    std::string public_url;
};

struct metrics_settings {
    std::vector<address_range> allow_from;  // empty: anyone
};

// The video relay (media/): how segments are cut and listed, when the slate takes over.
struct media_settings {
    std::uint32_t target_duration_s = 2;  // EXT-X-TARGETDURATION, constant for the life of the process
    std::uint32_t window_s = 12;          // seconds of stream the playlist lists (at least 3 target durations)
    std::uint32_t source_timeout_ms = 2000;  // no data this long: the slate takes over
    std::uint32_t retry_ms = 1000;           // pause before a failed relay is built again
    bool record = true;                      // keep every hall's segments under data_dir/recordings/{hall}/
    std::uint32_t retention_days = 0;        // recordings older than this are deleted; 0: kept for ever
    std::uint32_t vod_cache_mb = 256;        // replay segments kept in memory once served; 0: none
    // The GStreamer element that encodes the lower rungs of a ladder: x264enc (software, the default),
    // vaapih264enc (VA-API: Intel, AMD) or nvh264enc (NVIDIA).
    std::string encoder = "x264enc";
};

// Contract 7.7: this process is one node of a cluster sharing the forum through NATS JetStream.
struct cluster_settings {
    std::vector<std::string> nats;  // "nats://HOST:PORT" or "tls://HOST:PORT" each
    std::string node;               // this node's id, unique in the cluster
    int replicas = 1;               // copies of the stream and the lease bucket: 1 or 3
    std::string tls_ca;             // PEM file of the CA of the NATS servers' certificates; empty: no TLS
    std::string tls_name;           // the name each NATS server's certificate must carry; empty: not checked
    std::string user;               // the NATS user; empty: none
    std::string password_file;      // the file holding that user's password (read at start)
};

struct settings {
    std::string file;  // where it was read from, for messages
    listen_address listen{"127.0.0.1", 8080};
    std::string data_dir = "data";
    auth_settings auth;
    limit_settings limits;
    http_settings http;
    metrics_settings metrics;
    media_settings media;
    core::event_definition event;
    core::region_list regions;  // the regions delegates may name (contract 7.1)
    std::optional<cluster_settings> cluster;  // none: alone, on SQLite
};

}  // namespace veche::config
