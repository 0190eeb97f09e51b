#include "core/source_uri.hpp"

#include <charconv>
#include <stdexcept>
#include <vector>

namespace veche::core {
namespace {

std::uint16_t parse_port(std::string_view text) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || port == 0 || port > 65535)
        throw std::invalid_argument("bad port \"" + std::string(text) + "\" (1 to 65535)");
    return static_cast<std::uint16_t>(port);
}

int parse_latency(std::string_view text) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || v < 20 || v > 10000)
        throw std::invalid_argument("bad latency \"" + std::string(text) + "\" (20 to 10000 ms)");
    return v;
}

// "host:port" or ":port"
void parse_host_port(std::string_view authority, source_uri& out) {
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) throw std::invalid_argument("a port is required (\":PORT\")");
    auto host = authority.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    out.host = std::string(host);
    out.port = parse_port(authority.substr(colon + 1));
}

void parse_srt_query(std::string_view query, source_uri& out) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) throw std::invalid_argument("bad parameter \"" + std::string(pair) + "\"");
        const auto key = pair.substr(0, eq);
        const auto value = pair.substr(eq + 1);
        if (key == "passphrase") {
            if (value.size() < 10 || value.size() > 79)
                throw std::invalid_argument("the SRT passphrase must have 10 to 79 characters");
            out.passphrase = std::string(value);
        } else if (key == "streamid") {
            if (value.empty() || value.size() > 512) throw std::invalid_argument("bad streamid");
            out.stream_id = std::string(value);
        } else if (key == "latency") {
            out.latency_ms = parse_latency(value);
        } else {
            throw std::invalid_argument("unknown SRT parameter \"" + std::string(key) +
                                        "\" (passphrase, streamid, latency)");
        }
    }
}

}  // namespace

source_uri source_uri::parse(std::string_view text) {
    source_uri out;
    out.text = std::string(text);
    if (text == "none") return out;
    if (text == "test:") {
        out.kind = source_kind::test;
        return out;
    }
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos)
        throw std::invalid_argument("not a source URI (test:, none, srt://, udp://, rtsp://, rtmp://)");
    const auto scheme = text.substr(0, scheme_end);
    auto rest = text.substr(scheme_end + 3);

    if (scheme == "rtsp" || scheme == "rtmp") {
        const auto host_end = rest.find_first_of(":/?");
        if (rest.empty() || host_end == 0) throw std::invalid_argument("a host is required");
        out.kind = scheme == "rtsp" ? source_kind::rtsp : source_kind::rtmp;
        return out;
    }
    if (scheme == "srt") {
        const auto q = rest.find('?');
        parse_host_port(rest.substr(0, q), out);
        if (q != std::string_view::npos) parse_srt_query(rest.substr(q + 1), out);
        out.kind = out.host.empty() ? source_kind::srt_listener : source_kind::srt_caller;
        return out;
    }
    if (scheme == "udp") {
        if (rest.find('?') != std::string_view::npos) throw std::invalid_argument("udp:// takes no parameters");
        if (!rest.empty() && rest.front() == '@') rest.remove_prefix(1);  // ffmpeg's "udp://@:PORT"
        parse_host_port(rest, out);
        out.kind = source_kind::udp;
        return out;
    }
    throw std::invalid_argument("unsupported scheme \"" + std::string(scheme) +
                                "\" (test:, none, srt://, udp://, rtsp://, rtmp://)");
}

}  // namespace veche::core
