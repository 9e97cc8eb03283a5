// Code generated from tshark 4.0.17's `tshark -G values` for the uds fields. DO NOT EDIT.

package decode

// udsServices are tshark 4.0.17's uds.sid names.
var udsServices = map[uint32]string{
	16:  "Diagnostic Session Control",
	17:  "ECU Reset",
	20:  "Clear Diagnostic Information",
	25:  "Read DTC Information",
	34:  "Read Data By Identifier",
	35:  "Read Memory By Address",
	36:  "Read Scaling Data By Identifier",
	39:  "Security Access",
	40:  "Communication Control",
	41:  "Authentication",
	42:  "Read Data By Periodic Identifier",
	44:  "Dynamically Define Data Identifier",
	46:  "Write Data By Identifier",
	47:  "Input Output Control By Identifier",
	49:  "Routine Control",
	52:  "Request Download",
	53:  "Request Upload",
	54:  "Transfer Data",
	55:  "Request Transfer Exit",
	56:  "Request File Transfer",
	61:  "Write Memory By Address",
	62:  "Tester Present",
	63:  "Error",
	132: "Sercure Data Transmission",
	133: "Control DTC Setting",
	134: "Response On Event",
	135: "Link Control",
}

// udsDSCTypes are tshark 4.0.17's uds.dsc.type names.
var udsDSCTypes = map[uint32]string{
	0: "Reserved",
	1: "Default Session",
	2: "Programming Session",
	3: "Extended Diagnostic Session",
	4: "Safety System Diagnostic Session",
}

// udsERTypes are tshark 4.0.17's uds.er.type names.
var udsERTypes = map[uint32]string{
	0: "Reserved",
	1: "Hard Reset",
	2: "Key On Off Reset",
	3: "Soft Reset",
	4: "Enable Rapid Power Shutdown",
	5: "Disable Rapid Power Shutdown",
}

// udsRDTCITypes are tshark 4.0.17's uds.rdtci.type names.
var udsRDTCITypes = map[uint32]string{
	1:  "Report Number of DTC by Status Mask",
	2:  "Report DTC by Status Mask",
	3:  "Report DTC Snapshot Identification",
	4:  "Report DTC Snapshot Record by DTC Number",
	5:  "Report DTC Snapshot Record by Record Number",
	6:  "Report DTC Extended Data Record by DTC Number",
	7:  "Report Number of DTC By Severity Mask",
	8:  "Report DTC by Severity Mask",
	9:  "Report Severity Information of DTC",
	10: "Report Supported DTC",
	11: "Report First Test Failed DTC",
	12: "Report First Confirmed DTC",
	13: "Report Most Recent Test Failed DTC",
	14: "Report Most Recent Confirmed DTC",
	20: "Report DTC Fault Detection Counter",
	21: "Report DTC with Permanent Status",
	22: "Report DTC Extended Data Record by Record Number",
	23: "Report User Defined Memory DTC By Status Mask",
	24: "Report User Defined Memory DTC Snapshot Record By DTC Number",
	25: "Report User Defined Memory DTC Extended Data Record by DTC Number",
	26: "Report List of DTCs Supporting Specific Extended Data Record",
	66: "Report WWH-OBD DTC By Mask Record",
	85: "Report WWH-OBD DTC With Permanent Status",
	86: "Report WWH-OBD DTC By Readiness Group Identifier",
}

// udsIOCBIParameters are tshark 4.0.17's uds.iocbi.parameter names.
var udsIOCBIParameters = map[uint32]string{
	0: "Return Control To ECU",
	1: "Reset To Default",
	2: "Freeze Current State",
	3: "Short Term Adjustment",
}

// udsRCTypes are tshark 4.0.17's uds.rc.type names.
var udsRCTypes = map[uint32]string{
	0: "Reserved",
	1: "Start routine",
	2: "Stop routine",
	3: "Request routine result",
}

// udsResponseCodes are tshark 4.0.17's uds.err.code names.
var udsResponseCodes = map[uint32]string{
	16:  "General reject",
	17:  "Service not supported",
	18:  "Sub-Function Not Supported",
	19:  "Incorrect Message Length or Invalid Format",
	20:  "Response too long",
	33:  "Busy repeat request",
	34:  "Conditions Not Correct",
	36:  "Request Sequence Error",
	37:  "No response from sub-net component",
	38:  "Failure prevents execution of requested action",
	49:  "Request Out of Range",
	51:  "Security Access Denied",
	52:  "Authentication Required",
	53:  "Invalid Key",
	54:  "Exceeded Number Of Attempts",
	55:  "Required Time Delay Not Expired",
	56:  "Secure Data Transmission Required",
	57:  "Secure Data Transmission Not Allowed",
	58:  "Secure Data Verification Failed",
	80:  "Certificate Verification Failed: Invalid Time Period",
	81:  "Certificate Verification Failed: Invalid Signature",
	82:  "Certificate Verification Failed: Invalid Chain of Trust",
	83:  "Certificate Verification Failed: Invalid Type",
	84:  "Certificate Verification Failed: Invalid Format",
	85:  "Certificate Verification Failed: Invalid Content",
	86:  "Certificate Verification Failed: Invalid Scope",
	87:  "Certificate Verification Failed: Invalid Certificate (revoked)",
	88:  "Ownership Verification Failed",
	89:  "Challenge Calculation Failed",
	90:  "Setting Access Rights Failed",
	91:  "Session Key Creation/Derivation Failed",
	92:  "Configuration Data Usage Failed",
	93:  "DeAuthentication Failed",
	112: "Upload/Download not accepted",
	113: "Transfer data suspended",
	114: "General Programming Failure",
	115: "Wrong Block Sequence Counter",
	120: "Request correctly received, but response is pending",
	126: "Sub-Function not supported in active session",
	127: "Service not supported in active session",
	129: "RPM Too High",
	130: "RPM Too Low",
	131: "Engine Is Running",
	132: "Engine Is Not Running",
	133: "Run Time Too Low",
	134: "Temperature Too High",
	135: "Temperature Too Low",
	136: "Vehicle Speed Too High",
	137: "Vehicle Speed Too Low",
	138: "Throttle/Pedal Too High",
	139: "Throttle/Pedal Too Low",
	140: "Transmission Range Not In Neutral",
	141: "Transmission Range Not In Gear",
	143: "Brake Switch(es) Not Closed",
	144: "Shifter/Lever Not in Park",
	145: "Torque Converter Clutch Locked",
	146: "Voltage Too High",
	147: "Voltage Too Low",
	148: "Resource Temporarily Not Available",
}

// udsCDTCSTypes are tshark 4.0.17's uds.cdtcs.type names.
var udsCDTCSTypes = map[uint32]string{
	0: "Reserved",
	1: "On",
	2: "Off",
}
