#include "core/source_uri.hpp"

#include <catch2/catch.hpp>

using veche::core::source_kind;
using veche::core::source_uri;

TEST_CASE("every source kind of the contract parses") {
    CHECK(source_uri::parse("none").kind == source_kind::none);
    CHECK(source_uri::parse("test:").kind == source_kind::test);

    const auto listener = source_uri::parse("srt://:9000?passphrase=0123456789abc&streamid=main&latency=200");
    CHECK(listener.kind == source_kind::srt_listener);
    CHECK(listener.port == 9000);
    CHECK(listener.passphrase == "0123456789abc");
    CHECK(listener.stream_id == "main");
    CHECK(listener.latency_ms == 200);
    CHECK(listener.listens());

    const auto caller = source_uri::parse("srt://encoder.local:7001");
    CHECK(caller.kind == source_kind::srt_caller);
    CHECK(caller.host == "encoder.local");
    CHECK_FALSE(caller.listens());

    const auto udp = source_uri::parse("udp://:5000");
    CHECK(udp.kind == source_kind::udp);
    CHECK(udp.port == 5000);
    CHECK(source_uri::parse("udp://@:5001").port == 5001);
    CHECK(source_uri::parse("udp://239.1.1.1:5002").host == "239.1.1.1");

    CHECK(source_uri::parse("rtsp://10.0.0.5:554/stream1").kind == source_kind::rtsp);
    CHECK(source_uri::parse("rtmp://media.example.ru/live/hall1").kind == source_kind::rtmp);
}

TEST_CASE("sources we cannot use are refused") {
    CHECK_THROWS_AS(source_uri::parse(""), std::invalid_argument);
    CHECK_THROWS_AS(source_uri::parse("test"), std::invalid_argument);
    CHECK_THROWS_AS(source_uri::parse("srt://:0"), std::invalid_argument);
    CHECK_THROWS_AS(source_uri::parse("srt://:9000?latency=5"), std::invalid_argument);
    CHECK_THROWS_AS(source_uri::parse("srt://:9000?passphrase"), std::invalid_argument);
    CHECK_THROWS_AS(source_uri::parse("udp://:5000?ttl=1"), std::invalid_argument);
    CHECK_THROWS_AS(source_uri::parse("rtmp:///live"), std::invalid_argument);
    CHECK_THROWS_AS(source_uri::parse("file:///tmp/x.ts"), std::invalid_argument);
}
