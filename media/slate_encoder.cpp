#include "media/slate_encoder.hpp"

#include "common/log.hpp"
#include "media/gst_support.hpp"
#include "media/pipeline_description.hpp"

namespace veche::media {

std::shared_ptr<const std::string> encode_slate(std::chrono::seconds duration, const std::atomic<bool>& cancel,
                                                int height, std::chrono::seconds timeout) {
    ensure_gstreamer();
    auto pipeline = parse_pipeline(slate_pipeline(duration, height), "slate");
    if (!pipeline) return nullptr;
    element_ptr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "sink"));
    GstBus* bus = gst_element_get_bus(pipeline.get());
    gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);

    auto out = std::make_shared<std::string>();
    bool failed = false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!gst_app_sink_is_eos(GST_APP_SINK(sink.get()))) {
        if (cancel) {
            failed = true;
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            log::error("slate: the encode took longer than ", timeout.count(), " s");
            failed = true;
            break;
        }
        if (GstMessage* msg = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR)) {
            GError* error = nullptr;
            gst_message_parse_error(msg, &error, nullptr);
            log::error("slate: ", error ? error->message : "pipeline error");
            g_clear_error(&error);
            gst_message_unref(msg);
            failed = true;
            break;
        }
        GstSample* sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink.get()), 100 * GST_MSECOND);
        if (!sample) continue;
        for_each_buffer(sample, [&](GstBuffer* buffer) {
            GstMapInfo map;
            if (!gst_buffer_map(buffer, &map, GST_MAP_READ)) return;
            out->append(reinterpret_cast<const char*>(map.data), map.size);
            gst_buffer_unmap(buffer, &map);
        });
        gst_sample_unref(sample);
    }
    gst_object_unref(bus);
    gst_element_set_state(pipeline.get(), GST_STATE_NULL);
    if (failed || out->empty()) return nullptr;
    log::info("slate: encoded ", out->size(), " bytes, ", duration.count(), " s, ",
              height > 0 ? std::to_string(height) + " lines" : std::string("sound only"));
    return out;
}

}  // namespace veche::media
