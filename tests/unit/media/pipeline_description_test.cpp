#include "media/pipeline_description.hpp"

#include <catch2/catch.hpp>

using namespace veche::media;
using veche::core::source_uri;
using namespace std::chrono_literals;

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

TEST_CASE("a ladder adds tees, one decoder, an encoder, muxer and appsink per rung, and the audio-only rung") {
    const ladder_layout ladder{{{"720p", 720, 2500}, {"360p", 360, 600}}, true, "x264enc"};
    const auto plan = relay_pipeline(source_uri::parse("srt://:9000"), "hall", ladder);
    const auto& d = plan.description;
    CHECK_THAT(d, Catch::EndsWith("mpegtsmux name=mux alignment=0 ! appsink name=sink sync=false async=false buffer-list=true"));
    CHECK_THAT(d, Catch::Contains("tee name=vtee allow-not-linked=true vtee. ! queue name=decode_queue leaky=downstream"));
    CHECK(d.find("avdec_h264") == d.rfind("avdec_h264"));  // decoded once for every rung
    for (int i = 0; i < 2; ++i) {
        const auto rung = "rung" + std::to_string(i);
        CHECK_THAT(d, Catch::Contains("raw. ! queue name=" + rung + "_queue leaky=downstream"));
        CHECK_THAT(d, Catch::Contains("capsfilter name=" + rung + "_size"));
        CHECK_THAT(d, Catch::Contains("mpegtsmux name=" + rung + "_mux alignment=0 pat-interval=900000 "
                                      "pmt-interval=900000 ! appsink sync=false async=false buffer-list=true name=" +
                                      rung + "_sink"));
    }
    CHECK_THAT(d, Catch::Contains("x264enc speed-preset=veryfast tune=zerolatency bitrate=2500 vbv-buf-capacity=1000 "
                                  "key-int-max=300 name=rung0_encoder ! video/x-h264,profile=main"));
    CHECK_THAT(d, Catch::Contains("bitrate=600 "));
    CHECK_THAT(d, Catch::Contains("tee name=atee allow-not-linked=true atee. ! queue leaky=downstream"));
    CHECK_THAT(d, Catch::Contains("mpegtsmux name=audio_mux pcr-interval=9000 alignment=0 pat-interval=900000 pmt-interval=900000 "
                                  "! appsink sync=false async=false buffer-list=true name=audio_sink"));
    // The source's streams are linked to the tees as they appear: nothing is linked to the top's muxer here.
    CHECK(d.find(" ! mux.") == std::string::npos);

    // The test picture is linked statically, through the same tees.
    const auto test = relay_pipeline(source_uri::parse("test:"), "hall", ladder).description;
    CHECK_THAT(test, Catch::Contains("h264parse ! vtee. "));
    CHECK_THAT(test, Catch::Contains("aacparse ! atee. "));
    CHECK_THAT(test, Catch::Contains("vtee. ! queue ! mux."));
    CHECK_THAT(test, Catch::Contains("atee. ! queue leaky=downstream max-size-buffers=0 max-size-bytes=0 "
                                     "max-size-time=3000000000 name=rung1_audio ! rung1_mux."));

    // The encoder is a setting.
    for (const auto* encoder : {"vaapih264enc", "nvh264enc"}) {
        const auto hw = relay_pipeline(source_uri::parse("udp://:5000"), "hall",
                                       ladder_layout{{{"360p", 360, 600}}, false, encoder}).description;
        CHECK_THAT(hw, Catch::Contains(std::string(encoder) + " "));
        CHECK_THAT(hw, Catch::Contains("bitrate=600"));
        CHECK(hw.find("x264enc") == std::string::npos);
        CHECK(hw.find("audio_sink") == std::string::npos);
    }
    // Without a ladder nor an audio-only rung the pipeline is the plain relay.
    CHECK(relay_pipeline(source_uri::parse("srt://:9000"), "hall", {}).description == describe("srt://:9000", "hall"));
}

TEST_CASE("the slate comes in every rung's height and as sound alone") {
    CHECK_THAT(slate_pipeline(2s, 240), Catch::Contains("width=426,height=240"));
    CHECK_THAT(slate_pipeline(2s), Catch::Contains("width=640,height=360"));
    const auto sound = slate_pipeline(2s, 0);
    CHECK(sound.find("videotestsrc") == std::string::npos);
    CHECK_THAT(sound, Catch::StartsWith("audiotestsrc wave=silence"));
}
