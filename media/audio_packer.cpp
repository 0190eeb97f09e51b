#include "media/audio_packer.hpp"

#include <gst/gst.h>

namespace veche::media {
namespace {

struct held_frame {
    GstBuffer* buffer = nullptr;

    void drop() {
        if (buffer) gst_buffer_unref(buffer);
        buffer = nullptr;
    }
};

void free_held(gpointer data) {
    auto* held = static_cast<held_frame*>(data);
    held->drop();
    delete held;
}

// Whether b follows a directly (no gap, no new timeline): only then do they make one packet.
bool follows(GstBuffer* a, GstBuffer* b) {
    if (GST_BUFFER_FLAG_IS_SET(b, GST_BUFFER_FLAG_DISCONT)) return false;
    if (!GST_BUFFER_PTS_IS_VALID(a) || !GST_BUFFER_PTS_IS_VALID(b) || !GST_BUFFER_DURATION_IS_VALID(a)) return false;
    const auto expected = GST_BUFFER_PTS(a) + GST_BUFFER_DURATION(a);
    const auto pts = GST_BUFFER_PTS(b);
    const auto slack = GST_BUFFER_DURATION(a) / 2;
    return pts + slack >= expected && pts <= expected + slack;
}

GstPadProbeReturn on_frame(GstPad*, GstPadProbeInfo* info, gpointer data) {
    auto& held = *static_cast<held_frame*>(data);
    if (info->type & GST_PAD_PROBE_TYPE_EVENT_BOTH) {
        // A flush, a new stream or segment, the end: what is held belongs to what went before.
        if (GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info)) {
            const auto type = GST_EVENT_TYPE(event);
            if (type == GST_EVENT_FLUSH_STOP || type == GST_EVENT_STREAM_START || type == GST_EVENT_SEGMENT ||
                type == GST_EVENT_EOS)
                held.drop();
        }
        return GST_PAD_PROBE_OK;
    }
    GstBuffer* frame = GST_PAD_PROBE_INFO_BUFFER(info);
    if (!held.buffer || !follows(held.buffer, frame)) {
        // The first of a pair waits for the second (a lone frame after a gap is dropped: 21 ms of sound).
        held.drop();
        held.buffer = gst_buffer_ref(frame);
        return GST_PAD_PROBE_DROP;
    }
    GstBuffer* pair = gst_buffer_append(held.buffer, gst_buffer_ref(frame));  // takes both, keeps the first's times
    held.buffer = nullptr;
    GST_BUFFER_DURATION(pair) = GST_BUFFER_DURATION(pair) + GST_BUFFER_DURATION(frame);
    gst_buffer_unref(frame);
    GST_PAD_PROBE_INFO_DATA(info) = pair;
    return GST_PAD_PROBE_OK;
}

}  // namespace

void pack_audio_frames(GstElement* element) {
    GstPad* pad = gst_element_get_static_pad(element, "src");
    if (!pad) return;
    gst_pad_add_probe(pad, static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM |
                                                        GST_PAD_PROBE_TYPE_EVENT_FLUSH),
                      on_frame, new held_frame, free_held);
    gst_object_unref(pad);
}

}  // namespace veche::media
