#pragma once
// Where a hall's program feed comes from (README.md, "Configuration").

#include <cstdint>
#include <string>
#include <string_view>

namespace veche::core {

enum class source_kind { none, test, srt_listener, srt_caller, udp, rtsp, rtmp };

struct source_uri {
    source_kind kind = source_kind::none;
    std::string text;        // as written in the config
    std::string host;        // srt caller target; udp bind or multicast address (empty: any)
    std::uint16_t port = 0;  // srt and udp
    std::string passphrase;  // srt, optional (10 to 79 characters)
    std::string stream_id;   // srt: a listener accepts only this id, a caller sends it; optional
    int latency_ms = -1;     // srt, optional; -1 keeps the default

    // Throws std::invalid_argument with the fault when the text is not a source we can use.
    static source_uri parse(std::string_view text);

    // Sources that take a local port: two halls cannot share one.
    bool listens() const { return kind == source_kind::srt_listener || kind == source_kind::udp; }
};

}  // namespace veche::core
