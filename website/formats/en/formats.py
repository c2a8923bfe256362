"""English date formats for the public site and the admin: "15 January 2019", which reads the
same way to readers on either side of the Atlantic. Other languages keep Django's formats.
https://docs.djangoproject.com/en/5.2/topics/i18n/formatting/#creating-custom-format-files
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
