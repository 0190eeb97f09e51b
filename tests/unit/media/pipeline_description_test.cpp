#include "media/pipeline_description.hpp"

#include <catch2/catch.hpp>

using namespace veche::media;
using veche::config::source_uri;

namespace {

std::string describe(const std::string& uri, const std::string& hall = "Главная сцена") {
    return relay_pipeline(source_uri::parse(uri), hall).description;
}

}  // namespace

TEST_CASE("every relay ends in the muxer and the appsink our segmenter reads") {
    for (const auto* uri : {"test:", "srt://:9000", "srt://encoder.local:9000", "udp://:5000",
                            "rtsp://camera.local/stream", "rtmp://media.local/live/hall"}) {
        INFO(uri);
        CHECK_THAT(describe(uri), Catch::EndsWith("mpegtsmux name=mux alignment=0 ! appsink name=sink sync=false "
                                                  "async=false buffer-list=true"));
    }
    CHECK(describe("none").empty());
}

TEST_CASE("the test picture carries the hall's name and a clock and is encoded small") {
    const auto plan = relay_pipeline(source_uri::parse("test:"), R"(Зал "Б" \ 2)");
    CHECK_FALSE(plan.dynamic_pads);
    CHECK_THAT(plan.description, Catch::Contains(R"(textoverlay text="Зал \"Б\" \\ 2")"));
    CHECK_THAT(plan.description, Catch::Contains("clockoverlay"));
    CHECK_THAT(plan.description, Catch::Contains("width=640,height=360"));
    CHECK_THAT(plan.description, Catch::Contains("speed-preset=ultrafast"));
    CHECK_THAT(plan.description, Catch::Contains("audiotestsrc is-live=true wave=sine"));
}

TEST_CASE("remote sources are demuxed and remuxed, never encoded") {
    for (const auto* uri : {"srt://:9000", "srt://encoder.local:9000", "udp://:5000", "rtsp://cam/s", "rtmp://h/a/s"}) {
        INFO(uri);
        const auto plan = relay_pipeline(source_uri::parse(uri), "hall");
        CHECK(plan.dynamic_pads);
        CHECK_THAT(plan.description, Catch::Contains("name=demux"));
        CHECK_THAT(plan.description, !Catch::Contains("x264enc"));
        CHECK_THAT(plan.description, !Catch::Contains("voaacenc"));
    }
}

TEST_CASE("SRT options reach srtsrc") {
    const auto listener = relay_pipeline(source_uri::parse("srt://:9000?passphrase=0123456789ab&streamid=hall-a&latency=200"), "h");
    CHECK_THAT(listener.description, Catch::Contains(R"(uri="srt://0.0.0.0:9000?mode=listener")"));
    CHECK_THAT(listener.description, Catch::Contains("keep-listening=true"));
    CHECK_THAT(listener.description, Catch::Contains(R"(passphrase="0123456789ab")"));
    CHECK_THAT(listener.description, Catch::Contains("latency=200"));
    // A listener checks the caller's stream id itself; it does not send one.
    CHECK(listener.check_stream_id);
    CHECK_THAT(listener.description, Catch::Contains("authentication=true"));
    CHECK_THAT(listener.description, !Catch::Contains("streamid="));

    const auto caller = relay_pipeline(source_uri::parse("srt://10.0.0.5:9000?streamid=hall-a"), "h");
    CHECK_THAT(caller.description, Catch::Contains(R"(uri="srt://10.0.0.5:9000?mode=caller")"));
    CHECK_THAT(caller.description, Catch::Contains(R"(streamid="hall-a")"));
    CHECK_FALSE(caller.check_stream_id);
    CHECK_THAT(caller.description, !Catch::Contains("keep-listening"));
    CHECK_THAT(caller.description, !Catch::Contains("authentication"));
}

TEST_CASE("demuxed streams are parsed for the muxer, unknown ones dropped") {
    CHECK(branch_description({"video/x-h264", "", "", 0}) == "queue ! h264parse");
    CHECK(branch_description({"audio/mpeg", "", "", 4}) == "queue ! aacparse");
    CHECK(branch_description({"audio/mpeg", "", "", 1}) == "queue ! mpegaudioparse");
    CHECK(branch_description({"application/x-rtp", "video", "H264", 0}) == "queue ! rtph264depay ! h264parse");
    CHECK(branch_description({"application/x-rtp", "audio", "MPEG4-GENERIC", 0}) == "queue ! rtpmp4gdepay ! aacparse");
    CHECK(branch_description({"video/x-h265", "", "", 0}).empty());
    CHECK(branch_description({"application/x-rtp", "video", "VP8", 0}).empty());
    CHECK(branch_description({"meta/x-klv", "", "", 0}).empty());
}

TEST_CASE("the slate is one GOP of its length with silence") {
    const auto d = slate_pipeline(std::chrono::seconds(2));
    CHECK_THAT(d, Catch::Contains("num-buffers=50 "));  // 2 s at 25 fps
    CHECK_THAT(d, Catch::Contains("key-int-max=50 "));
    CHECK_THAT(d, Catch::Contains("Трансляция скоро продолжится"));
    CHECK_THAT(d, Catch::Contains("wave=silence samplesperbuffer=1024 num-buffers=93 "));
}
