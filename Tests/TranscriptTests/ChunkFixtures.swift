@testable import Transcript

// The chunked session of the reader's and the chunk-export tests: a
// manifest naming three chunks, and those chunks.

let chunkedManifest = #"{"id":"c1","_docType":"session","scenario":"telco-noc","status":"completed","created_at":"T0","alert_text":"ALERT","error_detail":"","chunk_count":3,"chunk_ids":["c1:chunk-0","c1:chunk-1","c1:chunk-2"]}"#

func sessionChunk(_ i: Int, _ events: [String], session: String = "c1") -> String {
    #"{"id":"\#(session):chunk-\#(i)","_docType":"session_chunk","session_id":"\#(session)","scenario":"telco-noc","chunk_index":\#(i),"events":["#
        + events.joined(separator: ",") + "]}"
}

let chunk0 = sessionChunk(0, [userMsg("a"), runStart("R1")])
let chunk1 = sessionChunk(1, [stepDone(1), stepDone(2)])
let chunk2 = sessionChunk(2, [answer("d"), runDone()])
