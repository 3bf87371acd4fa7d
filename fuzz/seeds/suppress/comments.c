// ndislint-suppress NDIS003: the device never shares it
int a; /* ndislint-suppress NDIS001 */
// ndislint-suppress-begin NDIS005: reason here
int b; // ndislint-suppress message-isr-returns-true: by name
// ndislint-suppress-end NDIS005
// ndislint-suppress NDIS999: unknown rule
/* ndislint-suppress-begin NDIS002 */ int c;
"// ndislint-suppress NDIS004: in a string"
