// Two minimal completed sessions the reader tests put into files in different shapes.
let sessionA = #"{"id":"a","_docType":"session","status":"completed","created_at":"T0","alert_text":"ALERT","error_detail":"","event_log":[]}"#
let sessionB = #"{"id":"b","_docType":"session","status":"completed","created_at":"T0","alert_text":"ALERT","error_detail":"","event_log":[]}"#
