from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm


class InlogForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. "
        "Let op hoofdletters en kleine letters.",
        "inactive": "Dit account staat uit. Vraag de beheerder van jouw organisatie om hulp.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.fields["username"].error_messages["required"] = "Vul je gebruikersnaam in."
        self.fields["password"].error_messages["required"] = "Vul je wachtwoord in."


class WachtwoordVergetenForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Je e-mailadres bij je organisatie"
        self.fields["email"].error_messages = {
            "required": "Vul je e-mailadres in.",
            "invalid": "Dit is geen geldig e-mailadres.",
        }
