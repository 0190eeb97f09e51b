#include "media/demux_linker.hpp"

#include "common/log.hpp"
#include "media/audio_packer.hpp"
#include "media/gst_support.hpp"
#include "media/ladder_description.hpp"
#include "media/pipeline_description.hpp"

namespace veche::media {
namespace {

stream_caps caps_of(GstPad* pad) {
    stream_caps out;
    GstCaps* caps = gst_pad_get_current_caps(pad);
    if (!caps) caps = gst_pad_query_caps(pad, nullptr);
    if (!caps) return out;
    if (const GstStructure* s = gst_caps_get_structure(caps, 0)) {
        out.name = gst_structure_get_name(s);
        if (const gchar* media = gst_structure_get_string(s, "media")) out.media = media;
        if (const gchar* encoding = gst_structure_get_string(s, "encoding-name")) out.encoding_name = encoding;
        gst_structure_get_int(s, "mpegversion", &out.mpegversion);
    }
    gst_caps_unref(caps);
    return out;
}

bool link_to_muxer(GstElement* pipeline, GstPad* src_pad, const char* mux_name) {
    element_ptr mux(gst_bin_get_by_name(GST_BIN(pipeline), mux_name));
    if (!mux) return false;
    GstPad* mux_pad = gst_element_request_pad_simple(mux.get(), "sink_%d");
    const bool ok = gst_pad_link(src_pad, mux_pad) == GST_PAD_LINK_OK;
    gst_object_unref(mux_pad);
    return ok;
}

// tee → queue → a muxer, ready before anything flows through the tee.
bool branch_to_muxer(GstElement* pipeline, GstElement* tee, std::string_view queue_description, const char* mux_name,
                     bool pack_audio = false) {
    GError* error = nullptr;
    GstElement* queue = gst_parse_launch(std::string(queue_description).c_str(), &error);
    if (!queue || error) {
        g_clear_error(&error);
        if (queue) gst_object_unref(queue);
        return false;
    }
    gst_bin_add(GST_BIN(pipeline), queue);
    if (pack_audio) pack_audio_frames(queue);
    GstPad* tee_pad = gst_element_request_pad_simple(tee, "src_%u");
    GstPad* queue_sink = gst_element_get_static_pad(queue, "sink");
    GstPad* queue_src = gst_element_get_static_pad(queue, "src");
    const bool ok = gst_pad_link(tee_pad, queue_sink) == GST_PAD_LINK_OK && link_to_muxer(pipeline, queue_src, mux_name);
    gst_object_unref(queue_src);
    gst_object_unref(queue_sink);
    gst_object_unref(tee_pad);
    gst_element_sync_state_with_parent(queue);
    return ok;
}

// The parsed stream's way on: straight into the top's muxer, or into a tee that feeds it and the rungs.
bool link_onwards(GstElement* pipeline, GstPad* parsed, bool video, const demux_links& links) {
    if (!(video ? links.video_tee : links.audio_tee)) return link_to_muxer(pipeline, parsed, "mux");
    element_ptr tee(gst_bin_get_by_name(GST_BIN(pipeline), video ? "vtee" : "atee"));
    bool ok = tee && branch_to_muxer(pipeline, tee.get(), top_queue, "mux");
    for (std::size_t i = 0; ok && !video && i < links.rungs; ++i)
        ok = branch_to_muxer(pipeline, tee.get(), rung_audio_queue, rung_element(i, "mux").c_str(), true);
    if (!ok) return false;
    GstPad* tee_sink = gst_element_get_static_pad(tee.get(), "sink");
    ok = gst_pad_link(parsed, tee_sink) == GST_PAD_LINK_OK;
    gst_object_unref(tee_sink);
    return ok;
}

// Streaming thread: a demuxer found a stream. Relay H.264 and AAC (MP3), drop the rest.
void on_pad_added(GstElement* demux, GstPad* pad, gpointer data) {
    const auto& links = *static_cast<const demux_links*>(data);
    const auto caps = caps_of(pad);
    const auto branch = branch_description(caps);
    element_ptr pipeline(GST_ELEMENT(gst_element_get_parent(demux)));
    if (!pipeline) return;
    GError* error = nullptr;
    GstElement* bin = gst_parse_bin_from_description(
        branch.empty() ? "fakesink sync=false async=false" : branch.c_str(), TRUE, &error);
    if (!bin || error) {
        log::error("hall ", links.hall, ": cannot relay ", caps.name, ": ", error ? error->message : "no element");
        g_clear_error(&error);
        return;
    }
    gst_bin_add(GST_BIN(pipeline.get()), bin);
    GstPad* sink_pad = gst_element_get_static_pad(bin, "sink");
    const bool linked = gst_pad_link(pad, sink_pad) == GST_PAD_LINK_OK;
    gst_object_unref(sink_pad);
    if (linked && !branch.empty()) {
        GstPad* src_pad = gst_element_get_static_pad(bin, "src");
        if (!link_onwards(pipeline.get(), src_pad, is_video(caps), links))
            log::warn("hall ", links.hall, ": the muxer refused ", caps.name);
        gst_object_unref(src_pad);
    }
    gst_element_sync_state_with_parent(bin);
    log::info("hall ", links.hall, ": ", branch.empty() ? "ignoring " : "relaying ", caps.name,
              caps.encoding_name.empty() ? "" : " " + caps.encoding_name);
}

void free_links(gpointer data, GClosure*) { delete static_cast<demux_links*>(data); }

}  // namespace

void link_demuxer_pads(GstElement* demux, demux_links links) {
    g_signal_connect_data(demux, "pad-added", G_CALLBACK(on_pad_added), new demux_links(std::move(links)), free_links,
                          GConnectFlags{});
}

}  // namespace veche::media
